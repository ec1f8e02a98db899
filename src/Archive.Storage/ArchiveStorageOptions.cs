using System.ComponentModel.DataAnnotations;

namespace Archive.Storage;

/// <summary>Where Archive keeps its data. Bound from the <c>Storage</c> configuration section.</summary>
public sealed class ArchiveStorageOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Storage";

    /// <summary>
    /// A storage connection string (Azurite locally). Default: empty, in which case the <c>AzureWebJobsStorage</c>
    /// connection string is used, or the service URIs with a managed identity.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The blob endpoint, for identity-based access in Azure. Default: none.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>The queue endpoint, for identity-based access in Azure. Default: none.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>The table endpoint, for identity-based access in Azure. Default: none.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>The client id of the user-assigned managed identity used with the service URIs. Default: none (system-assigned).</summary>
    public string? ManagedIdentityClientId { get; set; }

    /// <summary>
    /// A prefix for every container, table and queue name: lower-case letters and digits, starting with a letter.
    /// Default: empty. The Functions host requires it empty, since trigger attributes name the plain queues.
    /// </summary>
    [RegularExpression("^([a-z][a-z0-9]{0,19})?$")]
    public string NamePrefix { get; set; } = string.Empty;

    /// <summary>Whether containers, tables and queues are created at start when missing. Default: true.</summary>
    public bool CreateIfMissing { get; set; } = true;

    /// <summary>How often the storage clients retry a failed request before reporting a storage failure. Default: 3 (the SDK's).</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first delay between retries, growing exponentially. Default: 0.8 s (the SDK's).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>How long one storage request may take before it is abandoned. Default: 100 s (the SDK's).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// How long entries of the activity index (home page, archive-wide feed) are gathered before they are written
    /// together, one transaction per partition. Default: 1 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ActivityGatherFor { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>True when the service URIs are set (identity-based access).</summary>
    public bool UsesServiceUris => BlobServiceUri is not null && QueueServiceUri is not null && TableServiceUri is not null;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && !UsesServiceUris)
        {
            yield return new ValidationResult(
                "Set Storage:ConnectionString (or AzureWebJobsStorage), or all three of Storage:BlobServiceUri, QueueServiceUri and TableServiceUri.",
                [nameof(ConnectionString)]);
        }
    }
}
