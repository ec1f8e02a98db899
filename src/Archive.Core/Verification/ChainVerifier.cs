using System.Text.Json;
using Archive.Core.Content;
using Archive.Core.Hashing;
using Archive.Core.Provenance;
using Archive.Core.Urls;
using Archive.Core.Versions;

namespace Archive.Core.Verification;

/// <summary>What the chain check found for one version.</summary>
/// <param name="Number">The version.</param>
/// <param name="RecordSha256">The record hash its row names.</param>
/// <param name="Problems">What is wrong; empty when the version checks out.</param>
public sealed record ChainLink(int Number, string RecordSha256, IReadOnlyList<string> Problems)
{
    /// <summary>True when this link holds.</summary>
    public bool Valid => Problems.Count == 0;
}

/// <summary>The result of checking an article's whole history.</summary>
public sealed record ChainReport(string ArticleId, bool Valid, int Versions, IReadOnlyList<ChainLink> Links, IReadOnlyList<string> Problems);

/// <summary>
/// Checks an article's stored history end to end: every version record exists and hashes to the name its row gives;
/// each record names the previous record's hash; the rows agree with their records; the head names the last record;
/// optionally, every original and text blob still hashes to its name (fixity), and a text's paragraphs still give the
/// paragraph root its record names (records of <see cref="VersionRecord.SchemaV2"/>).
/// </summary>
public sealed class ChainVerifier(IArticleStore articles, IContentStore content)
{
    /// <summary>Checks the history of <paramref name="id"/>; null when the article is unknown.</summary>
    public async Task<ChainReport?> VerifyAsync(ArticleId id, bool checkContent = false, CancellationToken cancellationToken = default)
    {
        var head = await articles.GetHeadAsync(id, cancellationToken).ConfigureAwait(false);
        if (head is null)
        {
            return null;
        }

        var rows = await articles.ListVersionSummariesAsync(id, cancellationToken).ConfigureAwait(false);
        var links = new List<ChainLink>();
        var overall = new List<string>();
        string? previousHash = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var problems = new List<string>();
            if (row.Number != i + 1)
            {
                problems.Add($"Expected version {i + 1} here, found {row.Number}: a version is missing or was added.");
            }

            if (row.PreviousRecordSha256 != previousHash)
            {
                problems.Add($"The row names {row.PreviousRecordSha256 ?? "no"} previous record; the previous version's record is {previousHash ?? "none"}.");
            }

            await CheckRecordAsync(id, row, previousHash, checkContent, problems, cancellationToken).ConfigureAwait(false);
            links.Add(new ChainLink(row.Number, row.RecordSha256, problems));
            previousHash = row.RecordSha256;
        }

        if (head.LatestVersion != rows.Count)
        {
            overall.Add($"The article names {head.LatestVersion} version(s); {rows.Count} are stored.");
        }

        if (head.LatestRecordSha256 != previousHash)
        {
            overall.Add($"The article names {head.LatestRecordSha256 ?? "no"} latest record; the last stored record is {previousHash ?? "none"}.");
        }

        var valid = overall.Count == 0 && links.All(l => l.Valid);
        return new ChainReport(id.Value, valid, rows.Count, links, overall);
    }

    private async Task CheckRecordAsync(ArticleId id, VersionSummary row, string? previousHash, bool checkContent, List<string> problems, CancellationToken cancellationToken)
    {
        if (!ContentHash.TryParse(row.RecordSha256, out var recordHash))
        {
            problems.Add("The row's record hash is malformed.");
            return;
        }

        var bytes = await content.GetRecordAsync(recordHash, cancellationToken).ConfigureAwait(false);
        if (bytes is null)
        {
            problems.Add($"The record {recordHash} is missing.");
            return;
        }

        if (ContentHash.Of(bytes) != recordHash)
        {
            problems.Add($"The record stored as {recordHash} hashes to {ContentHash.Of(bytes)}: it was changed.");
            return;
        }

        VersionRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<VersionRecord>(bytes, ArchiveJson.Options);
        }
        catch (JsonException ex)
        {
            problems.Add($"The record is not readable: {ex.Message}");
            return;
        }

        if (record is null)
        {
            problems.Add("The record is empty.");
            return;
        }

        if (record.ArticleId != id.Value || record.Number != row.Number)
        {
            problems.Add($"The record belongs to {record.ArticleId} version {record.Number}.");
        }

        if (record.PreviousRecordSha256 != previousHash)
        {
            problems.Add($"The record names {record.PreviousRecordSha256 ?? "no"} previous record; the chain has {previousHash ?? "none"}.");
        }

        Compare(problems, "normalized text hash", row.TextSha256, record.TextSha256);
        Compare(problems, "clean text hash", row.CleanTextSha256, record.CleanTextSha256);
        Compare(problems, "original hash", row.OriginalSha256, record.OriginalSha256);
        if (row.MetadataSha256 is not null)
        {
            Compare(problems, "metadata fingerprint", row.MetadataSha256, VersionIdentity.Fingerprint(record.Metadata));
        }

        if (record.Schema == VersionRecord.SchemaV2 && record.Paragraphs is null)
        {
            problems.Add($"The record is {VersionRecord.SchemaV2} but names no paragraph root.");
        }

        if (checkContent)
        {
            await CheckContentAsync(record, problems, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task CheckContentAsync(VersionRecord record, List<string> problems, CancellationToken cancellationToken)
    {
        var actual = await content.HashStoredAsync(ContentKind.Original, ContentHash.Parse(record.OriginalSha256), cancellationToken).ConfigureAwait(false);
        if (actual is null)
        {
            problems.Add($"The original {record.OriginalSha256} is missing.");
        }
        else if (actual.Value.Hex != record.OriginalSha256)
        {
            problems.Add($"The original stored as {record.OriginalSha256} hashes to {actual.Value}: it was changed.");
        }

        var text = await content.GetTextAsync(ContentHash.Parse(record.CleanTextSha256), cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            problems.Add($"The clean text {record.CleanTextSha256} is missing.");
        }
        else
        {
            if (ContentHash.OfText(text).Hex != record.CleanTextSha256)
            {
                problems.Add($"The clean text stored as {record.CleanTextSha256} was changed.");
            }

            if (ContentHash.OfText(TextNormalizer.Normalize(text)).Hex != record.TextSha256)
            {
                problems.Add("The clean text no longer normalizes to the recorded text hash.");
            }

            if (record.Paragraphs is { } named)
            {
                var tree = ParagraphTree.Of(text);
                if (tree.RootHex != named.Root || tree.Count != named.Count)
                {
                    problems.Add($"The clean text's {tree.Count} paragraph(s) give the root {tree.RootHex}; the record names {named.Root} over {named.Count}.");
                }
            }
        }
    }

    private static void Compare(List<string> problems, string what, string? row, string? record)
    {
        if (!string.Equals(row, record, StringComparison.Ordinal))
        {
            problems.Add($"The row's {what} ({row ?? "none"}) differs from the record's ({record ?? "none"}).");
        }
    }
}
