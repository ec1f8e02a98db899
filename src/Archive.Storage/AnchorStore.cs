using System.Globalization;
using System.Text.Json;
using Archive.Core;
using Archive.Core.Provenance;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Archive.Storage;

/// <summary>
/// Anchors and proofs as write-once JSON blobs (<c>roots/{root}.json</c>, <c>proofs/{article}/{version}.json</c>,
/// uploaded with <c>If-None-Match: *</c>; an existing blob is kept and is success), and the anchoring state as one
/// table row replaced on its ETag.
/// </summary>
public sealed class AnchorStore(BlobServiceClient blobs, TableServiceClient tables, ResolvedStorageNames names) : IAnchorStore
{
    private const string StatePartition = "state";
    private const string StateRow = "anchoring";

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(names.AnchorsContainer);
    private readonly TableClient _table = tables.GetTableClient(names.AnchorsTable);

    /// <summary>The blob name of an anchor.</summary>
    public static string AnchorBlob(string root) => $"roots/{root}.json";

    /// <summary>The blob name of a version's proof.</summary>
    public static string ProofBlob(string articleId, int number) => $"proofs/{articleId}/{number}.json";

    /// <inheritdoc />
    public async Task<AnchorState> GetStateAsync(CancellationToken cancellationToken = default)
    {
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(StatePartition, StateRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!found.HasValue || found.Value is not { } e)
        {
            return new AnchorState();
        }

        return new AnchorState
        {
            AnchoredUntil = e.GetDateTimeOffset(nameof(AnchorState.AnchoredUntil)),
            LastRoot = e.GetString(nameof(AnchorState.LastRoot)),
            LastAnchoredAt = e.GetDateTimeOffset(nameof(AnchorState.LastAnchoredAt)),
            LastAttemptAt = e.GetDateTimeOffset(nameof(AnchorState.LastAttemptAt)),
            LastFailure = e.GetString(nameof(AnchorState.LastFailure)),
            FailuresInARow = e.GetInt32(nameof(AnchorState.FailuresInARow)) ?? 0,
            ETag = e.ETag.ToString(),
        };
    }

    /// <inheritdoc />
    public async Task<bool> TrySaveStateAsync(AnchorState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entity = new TableEntity(StatePartition, StateRow)
        {
            [nameof(AnchorState.AnchoredUntil)] = state.AnchoredUntil,
            [nameof(AnchorState.LastRoot)] = state.LastRoot,
            [nameof(AnchorState.LastAnchoredAt)] = state.LastAnchoredAt,
            [nameof(AnchorState.LastAttemptAt)] = state.LastAttemptAt,
            [nameof(AnchorState.LastFailure)] = state.LastFailure is { Length: > 2000 } f ? f[..2000] : state.LastFailure,
            [nameof(AnchorState.FailuresInARow)] = state.FailuresInARow,
        };
        try
        {
            if (state.ETag is null)
            {
                await _table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await _table.UpdateEntityAsync(entity, new ETag(state.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task PutAnchorAsync(AnchorRecord anchor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        return PutOnceAsync(AnchorBlob(anchor.Root), anchor, cancellationToken);
    }

    /// <inheritdoc />
    public Task<AnchorRecord?> GetAnchorAsync(string root, CancellationToken cancellationToken = default) =>
        GetAsync<AnchorRecord>(AnchorBlob(root), cancellationToken);

    /// <inheritdoc />
    public Task<bool> PutProofAsync(VersionProof proof, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(proof);
        return PutOnceAsync(ProofBlob(proof.ArticleId, proof.Number), proof, cancellationToken);
    }

    /// <inheritdoc />
    public Task<VersionProof?> GetProofAsync(string articleId, int number, CancellationToken cancellationToken = default) =>
        GetAsync<VersionProof>(ProofBlob(articleId, number), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlySet<int>> ListAnchoredNumbersAsync(string articleId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(articleId);
        var prefix = ProofBlob(articleId, 0)[..^"0.json".Length];
        var numbers = new HashSet<int>();
        await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken).ConfigureAwait(false))
        {
            var name = blob.Name.AsSpan(prefix.Length);
            if (name.EndsWith(".json", StringComparison.Ordinal) && int.TryParse(name[..^".json".Length], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }

    private async Task<bool> PutOnceAsync<T>(string name, T value, CancellationToken cancellationToken)
    {
        var options = new BlobUploadOptions
        {
            // Write-once: a proof or an anchor is never replaced; the first one written stays.
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
        };
        try
        {
            await _container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(JsonSerializer.SerializeToUtf8Bytes(value, ArchiveJson.Options)), options, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    private async Task<T?> GetAsync<T>(string name, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var response = await _container.GetBlobClient(name).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            return response.Value.Content.ToObjectFromJson<T>(ArchiveJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
