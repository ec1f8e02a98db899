namespace Archive.Functions.Capture;

/// <summary>
/// <c>POST /api/captures</c> with one URL: the article it goes to and how to wait for its check (schema
/// <c>QueuedCapture</c>).
/// </summary>
/// <param name="Id">The article's id.</param>
/// <param name="Url">The canonical URL the article is kept under.</param>
/// <param name="IsNewArticle">Whether this submission created the article.</param>
/// <param name="Status">Always <c>queued</c>.</param>
/// <param name="CheckCount">The article's checks so far: wait for one more.</param>
/// <param name="Location">The article's address in the API.</param>
/// <param name="Wait">The article's address that waits for the queued check.</param>
public sealed record QueuedCapture(string Id, string Url, bool IsNewArticle, string Status, int CheckCount, string Location, string Wait)
{
    /// <summary>The status of a capture or re-check just queued.</summary>
    public const string Queued = "queued";
}

/// <summary><c>POST /api/captures</c> with several URLs: one answer each, in order (schema <c>QueuedCaptures</c>).</summary>
public sealed record QueuedCaptures(IReadOnlyList<QueuedCapture> Articles);
