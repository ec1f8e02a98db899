using System.Globalization;
using System.Text.Json;
using Archive.Core.Hashing;
using Archive.Core.Provenance;
using Archive.Core.Versions;

namespace Archive.Core.Verification;

/// <summary>
/// Checks a <see cref="ParagraphProof"/> with nothing but the proof: the record hashes to the hash given, the record
/// names the root, and each paragraph's audit path leads to that root. Everything is taken from the record, never from
/// the proof's own claims about it.
/// </summary>
public static class ParagraphProofChecker
{
    /// <summary>The steps of the check, in order; the proof holds when every step passed.</summary>
    public static IReadOnlyList<CheckStep> Check(ParagraphProof proof)
    {
        ArgumentNullException.ThrowIfNull(proof);
        var steps = new List<CheckStep>();
        var actual = ContentHash.OfText(proof.Record ?? string.Empty).Hex;
        var hashHolds = string.Equals(actual, proof.RecordSha256, StringComparison.OrdinalIgnoreCase);
        steps.Add(new CheckStep("record hash", hashHolds, hashHolds ? $"the record hashes to {actual}" : $"the record hashes to {actual}, not {proof.RecordSha256}"));

        var named = ReadRoot(proof.Record ?? string.Empty, out var problem);
        var rootHolds = named is not null && problem is null && named.Value.Root == proof.Root && named.Value.Count == proof.TreeSize;
        steps.Add(new CheckStep(
            "root named in the record",
            rootHolds,
            problem ?? (rootHolds
                ? string.Create(CultureInfo.InvariantCulture, $"{proof.ArticleId} version {proof.Version} names the root {named!.Value.Root} over {named.Value.Count} paragraph(s)")
                : string.Create(CultureInfo.InvariantCulture, $"the record names {named!.Value.Root} over {named.Value.Count}; the proof says {proof.Root} over {proof.TreeSize}"))));

        if (proof.Paragraphs is not { Count: > 0 })
        {
            steps.Add(new CheckStep("paragraphs", false, "the proof holds no paragraph"));
            return steps;
        }

        foreach (var paragraph in proof.Paragraphs)
        {
            var leads = named is { } root && ParagraphTree.Verify(paragraph.Text ?? string.Empty, paragraph.Index, root.Count, paragraph.AuditPath ?? [], root.Root);
            var start = Preview(paragraph.Text);
            steps.Add(new CheckStep(
                string.Create(CultureInfo.InvariantCulture, $"paragraph {paragraph.Index}"),
                leads,
                leads ? string.Create(CultureInfo.InvariantCulture, $"\"{start}\" leads to the root in {paragraph.AuditPath!.Count} step(s)")
                      : $"\"{start}\" does not lead to the record's root"));
        }

        return steps;

        (string Root, int Count)? ReadRoot(string record, out string? why)
        {
            why = null;
            try
            {
                using var document = JsonDocument.Parse(record);
                var top = document.RootElement;
                if (top.ValueKind != JsonValueKind.Object)
                {
                    why = "the record is not a JSON object";
                    return null;
                }

                if (!top.TryGetProperty("paragraphs", out var paragraphs) || paragraphs.ValueKind != JsonValueKind.Object
                    || !paragraphs.TryGetProperty("root", out var root) || root.ValueKind != JsonValueKind.String
                    || !paragraphs.TryGetProperty("count", out var count) || !count.TryGetInt32(out var size))
                {
                    why = $"the record names no paragraph root (records before {VersionRecord.SchemaV2} have none)";
                    return null;
                }

                if ((top.TryGetProperty("articleId", out var id) && id.GetString() != proof.ArticleId)
                    || (top.TryGetProperty("number", out var number) && number.TryGetInt32(out var n) && n != proof.Version))
                {
                    why = "the record belongs to another article or version than the proof says";
                }

                return (root.GetString()!, size);
            }
            catch (JsonException ex)
            {
                why = $"the record is not JSON: {ex.Message}";
                return null;
            }
        }
    }

    private static string Preview(string? text) => text is null ? string.Empty : text.Length > 60 ? text[..57] + "..." : text;
}
