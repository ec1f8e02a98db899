using System.ComponentModel.DataAnnotations;

namespace Archive.Functions.Http;

/// <summary>Limits of the HTTP API. Bound from the <c>Api</c> configuration section.</summary>
public sealed class ApiOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api";

    /// <summary>The largest request body accepted, in bytes. Default: 256 KiB.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 256 * 1024;
}
