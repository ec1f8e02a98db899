using Archive.Core.Activity;
using Archive.Core.Capture;
using Archive.Core.Content;
using Archive.Core.Recheck;
using Archive.Core.Versions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Archive.Storage;

/// <summary>Registers the Azure Storage adapters.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Blob, Table and Queue clients (registered once) and the stores over them. The connection comes from
    /// <c>Storage:ConnectionString</c>, else <c>AzureWebJobsStorage</c>, else the service URIs with a managed identity.
    /// </summary>
    public static IServiceCollection AddArchiveStorage(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ArchiveStorageOptions>()
            .Bind(configuration.GetSection(ArchiveStorageOptions.Section))
            .PostConfigure(o =>
            {
                if (string.IsNullOrWhiteSpace(o.ConnectionString) && !o.UsesServiceUris)
                {
                    o.ConnectionString = configuration["AzureWebJobsStorage"];
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(sp => new ResolvedStorageNames(Options(sp).NamePrefix));
        services.TryAddSingleton(sp =>
        {
            var o = Options(sp);
            var clientOptions = Counted(sp, "blob", new BlobClientOptions());
            return o.UsesServiceUris && string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new BlobServiceClient(o.BlobServiceUri, Credential(o), clientOptions)
                : new BlobServiceClient(o.ConnectionString, clientOptions);
        });
        services.TryAddSingleton(sp =>
        {
            var o = Options(sp);
            var clientOptions = Counted(sp, "table", new TableClientOptions());
            return o.UsesServiceUris && string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new TableServiceClient(o.TableServiceUri, Credential(o), clientOptions)
                : new TableServiceClient(o.ConnectionString, clientOptions);
        });
        services.TryAddSingleton(sp =>
        {
            var o = Options(sp);
            // The Functions queue trigger reads Base64; plain-text messages would end in the poison queue.
            var clientOptions = Counted(sp, "queue", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
            return o.UsesServiceUris && string.IsNullOrWhiteSpace(o.ConnectionString)
                ? new QueueServiceClient(o.QueueServiceUri, Credential(o), clientOptions)
                : new QueueServiceClient(o.ConnectionString, clientOptions);
        });

        services.TryAddSingleton<IContentStore, BlobContentStore>();
        services.TryAddSingleton<TableArticleStore>();
        services.TryAddSingleton<IActivityLog, TableActivityLog>();
        // Every commit through the store also lands in the activity index (home page, archive-wide feed).
        services.TryAddSingleton<IArticleStore>(sp => ActivatorUtilities.CreateInstance<ActivityRecordingStore>(sp, sp.GetRequiredService<TableArticleStore>()));
        services.TryAddSingleton<ICaptureQueue, QueueCaptureQueue>();
        services.TryAddSingleton<TableDueIndex>();
        services.TryAddSingleton<IDueIndex>(sp => sp.GetRequiredService<TableDueIndex>());
        services.TryAddSingleton<IStorageFailureClassifier, StorageFailureClassifier>();
        services.TryAddSingleton<Archive.Core.Fixity.IFixityLog, TableFixityLog>();
        services.TryAddSingleton<Archive.Core.Provenance.IAnchorStore, AnchorStore>();
        services.TryAddSingleton<StorageInitializer>();
        services.AddHostedService(sp => sp.GetRequiredService<StorageInitializer>());
        return services;
    }

    // A registered counter sees every request (benchmarks); without one the pipeline is untouched.
    private static T Counted<T>(IServiceProvider sp, string service, T options)
        where T : ClientOptions
    {
        var o = Options(sp);
        options.Retry.MaxRetries = o.MaxRetries;
        options.Retry.Delay = o.RetryDelay;
        options.Retry.NetworkTimeout = o.NetworkTimeout;
        if (sp.GetService<StorageOperationCounter>() is { } counter)
        {
            options.AddPolicy(counter.PolicyFor(service), HttpPipelinePosition.PerRetry);
        }

        return options;
    }

    private static ArchiveStorageOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<ArchiveStorageOptions>>().Value;

    // Only a managed identity, never a credential chain that probes the cloud metadata address from a developer machine.
    private static TokenCredential Credential(ArchiveStorageOptions o) =>
        string.IsNullOrWhiteSpace(o.ManagedIdentityClientId)
            ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(o.ManagedIdentityClientId));
}
