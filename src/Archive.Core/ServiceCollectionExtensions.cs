using Archive.Core.Capture;
using Archive.Core.Export;
using Archive.Core.Extraction;
using Archive.Core.Fetching;
using Archive.Core.Memento;
using Archive.Core.Provenance;
using Archive.Core.Recheck;
using Archive.Core.Verification;
using Archive.Core.Versions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Archive.Core;

/// <summary>Registers the core services.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>Adds fetching, extraction, capture and reading, with options bound from <paramref name="configuration"/> and validated at start.</summary>
    public static IServiceCollection AddArchiveCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<FetchOptions>().Bind(configuration.GetSection(FetchOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FetchOptions>, FetchOptionsValidator>());
        services.AddOptions<CaptureOptions>().Bind(configuration.GetSection(CaptureOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RecheckOptions>().Bind(configuration.GetSection(RecheckOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ProvenanceOptions>().Bind(configuration.GetSection(ProvenanceOptions.Section)).ValidateDataAnnotations().ValidateOnStart();

        // Every connection goes through the guard's connect callback; redirects are followed (and checked) by the fetcher.
        services.TryAddSingleton<IHostResolver, DnsHostResolver>();
        services.TryAddSingleton<FetchGuard>();
        services.TryAddSingleton<HostConcurrencyLimiter>();
        services.AddHttpClient<PageFetcher>()
            .ConfigurePrimaryHttpMessageHandler(sp => sp.GetRequiredService<FetchGuard>().CreateHandler());

        services.TryAddSingleton<IArticleExtractor, HtmlArticleExtractor>();
        services.TryAddSingleton<CheckSignals>();
        services.TryAddTransient<ArticleWaiter>();
        services.TryAddTransient<DueSchedule>();
        services.TryAddTransient<CaptureDecider>();
        services.TryAddTransient<CaptureCommitter>();
        services.TryAddTransient<EarlierOtherTextReader>();
        services.TryAddTransient<CaptureFailures>();
        services.TryAddTransient<CaptureService>();
        services.TryAddTransient<CaptureDelivery>();
        services.TryAddTransient<SubmissionService>();
        services.TryAddTransient<ArticleReader>();
        services.TryAddTransient<DueRechecks>();
        services.TryAddTransient<RecheckRequests>();
        services.TryAddTransient<ChainVerifier>();
        services.TryAddTransient<ParagraphProver>();
        services.TryAddTransient<VerificationService>();
        services.TryAddTransient<Fixity.FixityAuditor>();
        services.TryAddTransient<WarcExporter>();
        services.TryAddTransient<WaczPackager>();
        services.TryAddTransient<MementoService>();

        // The authority is one the operator configured, not a page: it is asked directly, not through the fetch guard.
        services.AddHttpClient<ITimestampAuthority, Rfc3161TimestampClient>();
        services.TryAddTransient<AnchoringService>();
        services.TryAddTransient<EvidenceService>();
        return services;
    }
}
