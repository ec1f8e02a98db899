using Archive.Core.Export;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Archive.Storage.Signing;

/// <summary>Registers the WACZ signing key named by configuration.</summary>
public static class SigningServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="SigningOptions"/> (validated at start) and, when a key is configured, the key source and the
    /// <see cref="WaczSigner"/> that WACZ packaging then uses; with no key, packages stay unsigned.
    /// </summary>
    public static IServiceCollection AddArchiveSigning(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(SigningOptions.Section);
        services.AddOptions<SigningOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var configured = new SigningOptions();
        section.Bind(configured);
        if (configured.UsesFile)
        {
            services.TryAddSingleton<IWaczSigningKey, PemFileSigningKey>();
        }
        else if (configured.UsesKeyVault)
        {
            services.TryAddSingleton<IWaczSigningKey, KeyVaultSigningKey>();
        }
        else
        {
            return services;
        }

        services.TryAddSingleton<WaczSigner>();
        return services;
    }
}
