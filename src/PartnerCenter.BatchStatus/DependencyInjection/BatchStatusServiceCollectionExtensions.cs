using System.Diagnostics.Metrics;
using Azure.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerCenter.BatchStatus;
using PartnerCenter.BatchStatus.Http;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="BatchStatusClient"/> with dependency injection, on <c>IHttpClientFactory</c>.</summary>
public static class BatchStatusServiceCollectionExtensions
{
    /// <summary>
    /// The name of the <c>HttpClient</c> and of the <see cref="BatchStatusClientOptions"/> instance of the registered client.
    /// </summary>
    internal const string ClientName = "PartnerCenter.BatchStatus";

    /// <summary>
    /// Registers <see cref="IBatchStatusClient"/> and <see cref="BatchStatusClient"/>, authenticated with the
    /// <see cref="TokenCredential"/> registered in the container.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configureOptions">Sets the client's options; they are validated at start-up.</param>
    /// <returns>The builder of the client's <c>HttpClient</c>, to chain further configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <remarks>
    /// When the client is first resolved without a <see cref="TokenCredential"/> in the container, that resolution
    /// throws <see cref="InvalidOperationException"/>. Invalid options throw <see cref="OptionsValidationException"/>
    /// at start-up (and on resolution).
    /// </remarks>
    public static IHttpClientBuilder AddBatchStatusClient(this IServiceCollection services, Action<BatchStatusClientOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        return AddCore(
            services,
            provider => provider.GetService<TokenCredential>()
                ?? throw new InvalidOperationException($"No {nameof(TokenCredential)} is registered: register one (such as a ClientSecretCredential), or pass one to {nameof(AddBatchStatusClient)}."),
            configureOptions);
    }

    /// <summary>
    /// Registers <see cref="IBatchStatusClient"/> and <see cref="BatchStatusClient"/>, authenticated with <paramref name="credential"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="credential">The credential that provides the Partner Center tokens.</param>
    /// <param name="configureOptions">Sets the client's options; they are validated at start-up.</param>
    /// <returns>The builder of the client's <c>HttpClient</c>, to chain further configuration.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="credential"/> is <see langword="null"/>.</exception>
    /// <remarks>Invalid options throw <see cref="OptionsValidationException"/> at start-up (and on resolution).</remarks>
    public static IHttpClientBuilder AddBatchStatusClient(this IServiceCollection services, TokenCredential credential, Action<BatchStatusClientOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(credential);
        return AddCore(services, _ => credential, configureOptions);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services, Func<IServiceProvider, TokenCredential> credential, Action<BatchStatusClientOptions>? configureOptions)
    {
        var options = services.AddOptions<BatchStatusClientOptions>(ClientName);
        if (configureOptions is not null)
        {
            options.Configure(configureOptions);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BatchStatusClientOptions>, BatchStatusClientOptionsValidator>());

        // One token cache for every handler chain the factory builds.
        services.AddKeyedSingleton<CachingTokenCredential>(
            ClientName,
            (provider, _) => new CachingTokenCredential(credential(provider), OptionsOf(provider).TimeProvider));

        var builder = services
            .AddHttpClient(ClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => PartnerCenterHttp.CreateTransport(OptionsOf(provider)))

            // The transport renews its connections itself (PooledConnectionLifetime); rotating handler chains would only
            // build new token providers and connection pools.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .ConfigureHttpClient((provider, httpClient) => PartnerCenterHttp.Configure(httpClient, OptionsOf(provider)))

            // The factory's own loggers write several lines per attempt, full URIs included: the client logs one per call.
            .RemoveAllLoggers();

        if (services.Any(descriptor => descriptor.ServiceType == typeof(PipelineRegistered)))
        {
            // Registered before: the options and credential above are updated; the handlers must not be added twice.
            return builder;
        }

        services.AddSingleton<PipelineRegistered>();

        // Post-configured, so that they come after the caller's own AddHttpMessageHandler calls: the caller's handlers
        // never see the token.
        services.PostConfigure<HttpClientFactoryOptions>(ClientName, factoryOptions => factoryOptions.HttpMessageHandlerBuilderActions.Add(handlerBuilder =>
        {
            var provider = handlerBuilder.Services;
            foreach (var handler in PartnerCenterHttp.CreateHandlers(provider.GetRequiredKeyedService<CachingTokenCredential>(ClientName), OptionsOf(provider)))
            {
                handlerBuilder.AdditionalHandlers.Add(handler);
            }
        }));

        // One client for the container: it is thread-safe, and its HttpClient comes from the factory, which owns the handlers.
        services.TryAddSingleton(provider => new BatchStatusClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName),
            provider.GetRequiredKeyedService<CachingTokenCredential>(ClientName),
            OptionsOf(provider),
            provider.GetService<ILoggerFactory>(),
            provider.GetService<IMeterFactory>(),
            provider.GetService<RequestBudget>()));
        services.TryAddSingleton<IBatchStatusClient>(provider => provider.GetRequiredService<BatchStatusClient>());
        return builder;
    }

    private sealed class PipelineRegistered
    {
    }

    private static BatchStatusClientOptions OptionsOf(IServiceProvider provider) =>
        provider.GetRequiredService<IOptionsMonitor<BatchStatusClientOptions>>().Get(ClientName);
}
