using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Archive.Storage;

/// <summary>Creates the containers, tables and queues at start when they are missing (Bicep creates them in Azure).</summary>
public sealed class StorageInitializer(
    BlobServiceClient blobs,
    TableServiceClient tables,
    QueueServiceClient queues,
    ResolvedStorageNames names,
    IOptions<ArchiveStorageOptions> options) : IHostedService
{
    /// <summary>Creates whatever is missing.</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        foreach (var container in names.Containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        foreach (var table in names.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(table, cancellationToken).ConfigureAwait(false);
        }

        foreach (var queue in names.Queues)
        {
            await queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.CreateIfMissing ? EnsureCreatedAsync(cancellationToken) : Task.CompletedTask;

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
