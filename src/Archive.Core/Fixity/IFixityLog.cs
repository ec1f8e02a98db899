using Archive.Core.Urls;

namespace Archive.Core.Fixity;

/// <summary>Where fixity audit results are kept.</summary>
public interface IFixityLog
{
    /// <summary>Records the results of one article's items (replacing the previous result of each item).</summary>
    Task RecordAsync(ArticleId id, IReadOnlyList<FixityResult> results, string runId, CancellationToken cancellationToken = default);

    /// <summary>Records the summary of a finished run.</summary>
    Task RecordRunAsync(FixityReport report, CancellationToken cancellationToken = default);

    /// <summary>The latest result of each item of an article, oldest version first.</summary>
    Task<IReadOnlyList<FixityResult>> ListAsync(ArticleId id, CancellationToken cancellationToken = default);
}
