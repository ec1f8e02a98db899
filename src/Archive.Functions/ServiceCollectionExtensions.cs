using Archive.Core;
using Archive.Functions.Http;
using Archive.Storage;
using Archive.Storage.Signing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Archive.Functions;

/// <summary>Registers everything the function classes need; the Functions host and the local runner both call it.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds the core, the storage adapters and the API's options.</summary>
    public static IServiceCollection AddArchiveFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddArchiveCore(configuration);
        services.AddArchiveStorage(configuration);
        services.AddArchiveSigning(configuration);
        services.AddSingleton<Pages.PageQueries>();
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReadAccessGuard>();
        return services;
    }
}
