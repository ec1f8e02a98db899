using System.ComponentModel.DataAnnotations;

namespace Archive.Functions.Http;

/// <summary>Who may call the read endpoints.</summary>
public enum ReadAccess
{
    /// <summary>Anyone: reads need no key (write endpoints always need one).</summary>
    Anonymous,

    /// <summary>Reads need a function key, like writes.</summary>
    Function,
}

/// <summary>Limits and access of the HTTP API. Bound from the <c>Api</c> configuration section.</summary>
public sealed class ApiOptions : IValidatableObject
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Api";

    /// <summary>The largest request body accepted, in bytes. Default: 256 KiB.</summary>
    [Range(1024, 16 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// Who may call the read endpoints (every HTTP function declared <c>AuthorizationLevel.Anonymous</c>):
    /// <c>Anonymous</c> or <c>Function</c>. Default: Anonymous.
    /// </summary>
    public ReadAccess ReadAccess { get; set; } = ReadAccess.Anonymous;

    /// <summary>
    /// The key read requests must carry (header <c>x-functions-key</c> or query <c>code</c>) when
    /// <see cref="ReadAccess"/> is Function. The worker never sees the Functions host's keys, so in Azure set this to
    /// one of them (a Key Vault reference). The local runner uses <c>Runner:FunctionKey</c> when this is empty.
    /// Default: none.
    /// </summary>
    public string? ReadKey { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ReadAccess == ReadAccess.Function && string.IsNullOrEmpty(ReadKey))
        {
            yield return new ValidationResult("Api:ReadAccess is Function, so Api:ReadKey must be set.", [nameof(ReadKey)]);
        }
    }
}
