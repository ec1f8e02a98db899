using Archive.Core.Recheck;
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
public sealed record SubmissionAccepted(ArticleId Id, CanonicalUrl Url, bool IsNewArticle)
{
    /// <summary>How many checks the article had when the submission was accepted: wait for a check after this many.</summary>
    public int CheckCount { get; init; }
}

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

/// <summary>Validates submissions, records the articles, schedules their first re-check and queues their capture.</summary>
public sealed class SubmissionService(IArticleStore articles, ICaptureQueue queue, DueSchedule schedule, IOptions<CaptureOptions> options, TimeProvider time)
{
    // Requests of one submission in flight at once: a batch's writes run side by side, not one after another.
    private const int Parallelism = 64;

    // Bounded so a much-submitted article's labels stay far below the table's property size limit.
    private const int MaxMergedLabels = 200;

    private readonly CaptureOptions _options = options.Value;

    /// <summary>
    /// Accepts a batch: every item is validated first, and if any is invalid nothing is stored or queued. Then, for
    /// each article the batch names (once, however often it is named): its first due re-check (one write per time
    /// slot for the whole batch), then its head (one insert, or its labels merged when it is known) followed at once by
    /// its capture message, which carries the head so the capture need not read it.
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
        var firstCheck = schedule.FirstCheck(now);
        var submitted = valid.GroupBy(v => ArticleId.For(v.Url)).Select(g => new ArticleHead
        {
            Id = g.Key,
            Url = g.First().Url.ToString(),
            SubmittedAt = now,
            Tags = Merge([], g.SelectMany(v => v.Tags)),
            Sources = Merge([], g.Select(v => v.Source).OfType<string>()),
            NextCheckAt = firstCheck,
        }).ToList();

        // The due entries go first: whatever fails later, every article then has a check due.
        await schedule.AddAsync(submitted, cancellationToken).ConfigureAwait(false);
        // Each article's head, then at once its message: no article waits for the slowest of the batch.
        var stored = new (ArticleHead Head, bool Created)[submitted.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, submitted.Count), parallel, async (i, ct) =>
        {
            var article = submitted[i];
            stored[i] = await CreateOrLabelAsync(article, ct).ConfigureAwait(false);
            if (!stored[i].Created)
            {
                // Known already: it keeps its own due entry (removed before its capture can move that one).
                await schedule.RemoveUnusedAsync([(article, stored[i].Head)], ct).ConfigureAwait(false);
            }

            await queue.EnqueueAsync(
                new CaptureMessage
                {
                    ArticleId = article.Id.Value,
                    Url = article.Url,
                    Tags = article.Tags,
                    Source = article.Sources.FirstOrDefault(),
                    Trigger = CaptureTriggers.Submit,
                    RequestedAt = now,
                    Head = stored[i].Head.WithoutLabels(),
                },
                cancellationToken: ct).ConfigureAwait(false);
        }).ConfigureAwait(false);
        var byId = submitted.Select((h, i) => (h.Id, stored[i])).ToDictionary(p => p.Id, p => p.Item2);
        var first = new HashSet<ArticleId>();
        return [.. valid.Select(v =>
        {
            var id = ArticleId.For(v.Url);
            var (head, created) = byId[id];
            return new SubmissionAccepted(id, v.Url, created && first.Add(id)) { CheckCount = head.CheckCount };
        })];
    }

    private async Task<(ArticleHead Head, bool Created)> CreateOrLabelAsync(ArticleHead submitted, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await articles.AddHeadAsync(submitted, cancellationToken).ConfigureAwait(false) is { } created)
            {
                return (created, true);
            }

            // Already known: merge what this submitter adds into its labels.
            var existing = await articles.GetHeadAsync(submitted.Id, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                continue;
            }

            var (tags, sources) = (Merge(existing.Tags, submitted.Tags), Merge(existing.Sources, submitted.Sources));
            if (tags.Count == existing.Tags.Count && sources.Count == existing.Sources.Count)
            {
                return (existing, false);
            }

            var merged = existing with { Tags = tags, Sources = sources };
            if (await articles.ReplaceLabelsAsync(merged, cancellationToken).ConfigureAwait(false))
            {
                return (merged, false);
            }
        }
    }

    private static List<string> Merge(IReadOnlyList<string> existing, IEnumerable<string> added)
    {
        var merged = existing.ToList();
        foreach (var item in added)
        {
            if (merged.Count < MaxMergedLabels && !merged.Contains(item, StringComparer.OrdinalIgnoreCase))
            {
                merged.Add(item);
            }
        }

        return merged;
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
