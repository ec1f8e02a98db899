using Microsoft.Extensions.Options;

namespace Archive.Core.Fetching;

/// <summary>Checks what data annotations cannot: the allowed networks are CIDR networks and the allowed hosts are names.</summary>
public sealed class FetchOptionsValidator : IValidateOptions<FetchOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FetchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        for (var i = 0; i < options.AllowedNetworks.Count; i++)
        {
            var network = options.AllowedNetworks[i];
            if (!FetchGuard.IsNetwork(network))
            {
                failures.Add($"{FetchOptions.Section}:{nameof(FetchOptions.AllowedNetworks)}:{i} is '{network}', which is not a CIDR network " +
                    "such as 127.0.0.0/8 or fd00::/8 (the address must have no bits set past the prefix length).");
            }
        }

        for (var i = 0; i < options.AllowedHosts.Count; i++)
        {
            var host = options.AllowedHosts[i];
            if (string.IsNullOrWhiteSpace(host) || Uri.CheckHostName(host.Trim().TrimEnd('.')) != UriHostNameType.Dns)
            {
                failures.Add($"{FetchOptions.Section}:{nameof(FetchOptions.AllowedHosts)}:{i} is '{host}', which is not a host name " +
                    "(no scheme, port or path; list IP addresses under AllowedNetworks instead).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
