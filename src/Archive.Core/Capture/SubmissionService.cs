using Archive.Core.Urls;
using Archive.Core.Versions;
using Microsoft.Extensions.Options;

namespace Archive.Core.Capture;

/// <summary>One URL an archivist asks us to capture.</summary>
public sealed record CaptureSubmission(string? Url, IReadOnlyList<string>? Tags = null, string? Source = null);

/// <summary>A submission that was accepted and queued.</summary>
/// <param name="Id">The article's id, the same for every submission of the same canonical URL.</param>
/// <param name="Url">The canonical URL.</param>
/// <param name="IsNewArticle">False when the article was already known.</param>
public sealed record SubmissionAccepted(ArticleId Id, CanonicalUrl Url, bool IsNewArticle);

/// <summary>A problem with one item of a submission.</summary>
/// <param name="Index">The item's position in the batch, from 0.</param>
/// <param name="Field">The field at fault (<c>url</c>, <c>tags</c>, <c>source</c>).</param>
/// <param name="Message">What is wrong, in words.</param>
public sealed record SubmissionError(int Index, string Field, string Message);

/// <summary>The submission was refused as a whole; nothing was stored or queued.</summary>
public sealed class SubmissionRejectedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SubmissionRejectedException(IReadOnlyList<SubmissionError> errors)
        : base(errors.Count == 1 ? errors[0].Message : $"{errors.Count} problems with the submission.") => Errors = errors;

    /// <summary>Creates the exception.</summary>
    public SubmissionRejectedException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SubmissionRejectedException(string message)
        : this([new SubmissionError(0, "url", message)])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SubmissionRejectedException(string message, Exception innerException)
        : base(message, innerException) => Errors = [new SubmissionError(0, "url", message)];

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<SubmissionError> Errors { get; }
}

/// <summary>Validates submissions, records the article, and queues its capture.</summary>
public sealed class SubmissionService(IArticleStore articles, ICaptureQueue queue, IOptions<CaptureOptions> options, TimeProvider time)
{
    private readonly CaptureOptions _options = options.Value;

    /// <summary>
    /// Accepts a batch: every item is validated first, and if any is invalid nothing is stored or queued.
    /// </summary>
    /// <exception cref="SubmissionRejectedException">Some item is invalid.</exception>
    public async Task<IReadOnlyList<SubmissionAccepted>> SubmitAsync(IReadOnlyList<CaptureSubmission> submissions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var (valid, errors) = Validate(submissions);
        if (errors.Count > 0)
        {
            throw new SubmissionRejectedException(errors);
        }

        var now = time.GetUtcNow();
        var accepted = new List<SubmissionAccepted>(valid.Count);
        foreach (var (url, tags, source) in valid)
        {
            var id = ArticleId.For(url);
            var (_, created) = await articles.EnsureHeadAsync(
                new ArticleHead { Id = id, Url = url.ToString(), SubmittedAt = now, Tags = tags, Sources = source is null ? [] : [source] },
                cancellationToken).ConfigureAwait(false);
            await queue.EnqueueAsync(
                new CaptureMessage { ArticleId = id.Value, Url = url.ToString(), Tags = tags, Source = source, Trigger = CaptureTriggers.Submit, RequestedAt = now },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            accepted.Add(new SubmissionAccepted(id, url, created));
        }

        return accepted;
    }

    /// <summary>Checks a batch without storing anything.</summary>
    public (IReadOnlyList<(CanonicalUrl Url, IReadOnlyList<string> Tags, string? Source)> Valid, IReadOnlyList<SubmissionError> Errors) Validate(IReadOnlyList<CaptureSubmission> submissions)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        var errors = new List<SubmissionError>();
        var valid = new List<(CanonicalUrl, IReadOnlyList<string>, string?)>();
        if (submissions.Count == 0)
        {
            errors.Add(new SubmissionError(0, "url", "The submission holds no URL."));
        }
        else if (submissions.Count > _options.MaxBatchSize)
        {
            errors.Add(new SubmissionError(0, "url", $"A submission may hold at most {_options.MaxBatchSize} URLs; this one holds {submissions.Count}."));
            return (valid, errors);
        }

        for (var i = 0; i < submissions.Count; i++)
        {
            var item = submissions[i];
            if (item is null)
            {
                errors.Add(new SubmissionError(i, "url", "The item is empty."));
                continue;
            }

            var before = errors.Count;
            if (!UrlCanonicalizer.TryCanonicalize(item.Url, out var url, out var urlError))
            {
                errors.Add(new SubmissionError(i, "url", urlError));
            }

            var tags = new List<string>();
            foreach (var raw in item.Tags ?? [])
            {
                var tag = raw?.Trim();
                if (string.IsNullOrEmpty(tag))
                {
                    errors.Add(new SubmissionError(i, "tags", "A tag is empty."));
                }
                else if (tag.Length > _options.MaxTagLength || tag.Any(char.IsControl))
                {
                    errors.Add(new SubmissionError(i, "tags", $"A tag must be at most {_options.MaxTagLength} characters without control characters."));
                }
                else if (!tags.Contains(tag, StringComparer.OrdinalIgnoreCase))
                {
                    tags.Add(tag);
                }
            }

            if (tags.Count > _options.MaxTags)
            {
                errors.Add(new SubmissionError(i, "tags", $"At most {_options.MaxTags} tags are allowed."));
            }

            var source = item.Source?.Trim();
            if (source is { Length: 0 })
            {
                source = null;
            }
            else if (source is not null && (source.Length > _options.MaxSourceLength || source.Any(char.IsControl)))
            {
                errors.Add(new SubmissionError(i, "source", $"The source must be at most {_options.MaxSourceLength} characters without control characters."));
            }

            if (errors.Count == before && url is not null)
            {
                valid.Add((url, tags, source));
            }
        }

        return (valid, errors);
    }
}
