using Azure.Core;
using PartnerCenter.BatchStatus.Http;

namespace PartnerCenter.BatchStatus;

/// <content>
/// Creating a client with a Microsoft Entra ID credential: the client builds and owns its HTTP pipeline.
/// </content>
public partial class BatchStatusClient : IDisposable
{
    private readonly bool _ownsHttpClient;
    private bool _disposed;

    /// <summary>
    /// Initializes a new instance of the <see cref="BatchStatusClient"/> class that calls Partner Center with tokens
    /// from <paramref name="credential"/>, through a pipeline that adds the Partner Center headers, retries transient
    /// failures and bounds each call in time.
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
        : this(credential, options, primaryHandler: null)
    {
    }

    /// <summary>Lets tests replace the <see cref="SocketsHttpHandler"/> at the end of the pipeline.</summary>
    internal BatchStatusClient(TokenCredential credential, BatchStatusClientOptions? options, HttpMessageHandler? primaryHandler)
        : this(BatchStatusPipeline.CreateHttpClient(credential, options, primaryHandler))
    {
        _ownsHttpClient = true;
    }

    /// <summary>
    /// Releases the HTTP pipeline when the client created it (constructed with a credential). A client constructed
    /// with an <see cref="HttpClient"/> leaves that <see cref="HttpClient"/> to its owner.
    /// </summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the HTTP pipeline when the client created it.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (disposing && _ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }
}
