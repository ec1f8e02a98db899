namespace Archive.Core.Extraction;

/// <summary>
/// Receives a description of the extractor's decisions for one page: the chosen body and every text block with its
/// class, its link density and whether it was kept. For tuning and for explaining a result (<c>archive extract --explain</c>);
/// pass none in production.
/// </summary>
/// <param name="write">Called with each description, in order.</param>
public sealed class ExtractionTrace(Action<string> write)
{
    internal void Write(string description) => write(description);
}
