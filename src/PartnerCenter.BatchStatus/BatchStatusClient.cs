using System.Diagnostics.Metrics;
using Azure.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerCenter.BatchStatus.Http;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// Reads the status of Partner Center device batch uploads, with Microsoft Entra ID tokens from an Azure.Identity
/// credential, the Partner Center headers, retries of transient failures and bounded time. Thread-safe: create one and
/// share it.
/// </summary>
/// <remarks>
/// Each call makes its <c>MS-RequestId</c> once (the same on every attempt), runs each attempt, sending the request and
/// reading the whole body, inside the retries and timeouts, and ends in a result or one of the documented exceptions.
/// </remarks>
public sealed class BatchStatusClient : IBatchStatusClient, IDisposable
{
    private readonly BatchStatusCalls _calls;
    private readonly HttpClient? _ownedHttpClient;
    private bool _disposed;

    /// <summary>
    /// Initializes a new instance of the <see cref="BatchStatusClient"/> class that calls Partner Center with tokens
    /// from <paramref name="credential"/>.
    /// </summary>
    /// <param name="credential">
    /// Any Azure.Identity credential: <c>ClientSecretCredential</c> or <c>ClientCertificateCredential</c> for app-only
    /// calls; a refresh-token, device-code or interactive credential for app+user calls; <c>ManagedIdentityCredential</c>.
    /// Its tokens are sent only to <see cref="BatchStatusClientOptions.Endpoint"/>, only over https.
    /// </param>
    /// <param name="options">The client's settings; <see langword="null"/> for the defaults (the global cloud).</param>
    /// <exception cref="ArgumentNullException"><paramref name="credential"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid or unsafe; the message names the setting.</exception>
    /// <remarks>Dispose the client when done with it: it owns its connections.</remarks>
    public BatchStatusClient(TokenCredential credential, BatchStatusClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        options = Prepare(options);
        var tokens = new CachingTokenCredential(credential, options.TimeProvider);
        _ownedHttpClient = PartnerCenterHttp.CreateHttpClient(tokens, options);
        _calls = new BatchStatusCalls(_ownedHttpClient, options, CreateLogger(options.LoggerFactory), tokens);
    }

    /// <summary>With dependency injection: the factory's HttpClient, which carries the handlers and is not owned.</summary>
    internal BatchStatusClient(HttpClient httpClient, CachingTokenCredential tokens, BatchStatusClientOptions options, ILoggerFactory? loggerFactory, IMeterFactory? meterFactory, RequestBudget? requestBudget)
    {
        options = Prepare(options);
        options.MeterFactory ??= meterFactory;
        options.RequestBudget ??= requestBudget;
        _calls = new BatchStatusCalls(httpClient, options, CreateLogger(options.LoggerFactory ?? loggerFactory), tokens);
    }

    /// <summary>Gets the client's instruments, for the waits made through it.</summary>
    internal PartnerCenterMetrics Metrics => _calls.Metrics;

    /// <summary>Gets a token cancelled when the client is disposed: a wait's pause between polls ends with it.</summary>
    internal CancellationToken Disposing => _calls.Disposing;

    /// <inheritdoc/>
    public Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default)
    {
        // Checked before anything is sent (the token included): a Guid is never null, but it can be empty.
        _ = new BatchTrackingLocation(customerId, batchTrackingId);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _calls.GetBatchJobStatusAsync(customerId, batchTrackingId, cancellationToken);
    }

    /// <summary>Releases the connections the client owns (a client registered with dependency injection owns none).</summary>
    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _calls.Stop();
            _ownedHttpClient?.Dispose();
        }
    }

    private static BatchStatusClientOptions Prepare(BatchStatusClientOptions? options)
    {
        options ??= new BatchStatusClientOptions();
        options.Validate();

        // A copy: later changes to the caller's options do not reach a client already built.
        return options.Clone();
    }

    private static ILogger CreateLogger(ILoggerFactory? loggerFactory) =>
        (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger(PartnerCenterLog.CategoryName);
}
