using System.Net;
using System.Net.Sockets;
using System.Text;
using WireMock;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;
using WireMockRequest = WireMock.RequestBuilders.Request;
using WireMockResponse = WireMock.ResponseBuilders.Response;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// The kit's fake Partner Center over loopback (127.0.0.1, a free port): a WireMock.Net server whose one mapping hands
/// every request to a <see cref="FakePartnerCenterTransport"/>, so that it serves the same batches, faults, delays,
/// throttling and request log as the in-process fake, over a real connection.
/// </summary>
/// <remarks>
/// For contract tests and for code that needs an endpoint rather than a handler. Declare batches here or on
/// <see cref="Service"/>: they are the same.
/// </remarks>
/// <example>
/// <code>
/// await using var fake = FakePartnerCenter.Start();
/// var batch = fake.AddBatch(customerId, batchTrackingId).ThenProcessing().ThenFinished(FakeDevice.Finished("SN-1"));
/// var client = fake.CreateClient();
/// var details = await client.GetBatchJobStatusAsync(customerId, batchTrackingId);
/// </code>
/// </example>
public sealed class FakePartnerCenter : IDisposable, IAsyncDisposable
{
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private readonly HttpMessageInvoker _service;
    private int _disposed;

    private FakePartnerCenter(WireMockServer server, FakePartnerCenterTransport service)
    {
        Server = server;
        Service = service;
        Endpoint = new Uri(server.Urls[0].TrimEnd('/') + "/");
        _service = new HttpMessageInvoker(service, disposeHandler: false);
        server.Given(WireMockRequest.Create()).AtPriority(1000).RespondWith(WireMockResponse.Create().WithCallback(AnswerAsync));
    }

    /// <summary>Gets the service's base address, such as <c>http://127.0.0.1:51234/</c> (ending with <c>/</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets the fake service this server serves: its batches, throttling, clock and request log.</summary>
    public FakePartnerCenterTransport Service { get; }

    /// <summary>
    /// Gets the WireMock server, for what the fake does not offer (such as WireMock's own faults). Mappings added to
    /// it with a priority below 1000 win over the fake service.
    /// </summary>
    public WireMockServer Server { get; }

    /// <summary>Gets the fake credential of the clients of <see cref="CreateClient"/> (the <see cref="Service"/>'s).</summary>
    public FakeTokenCredential Credential => Service.Credential;

    /// <summary>Gets every request the fake service received so far, in the order they arrived.</summary>
    public IReadOnlyList<RecordedRequest> Requests => Service.Requests;

    /// <summary>Starts a fake Partner Center on 127.0.0.1, on a free port.</summary>
    /// <param name="service">The fake service to serve, such as one on a fake clock. The default value is a new one on the system clock.</param>
    /// <returns>The running fake; dispose it to stop it (and the service).</returns>
    public static FakePartnerCenter Start(FakePartnerCenterTransport? service = null) =>
        new(WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = false, Logger = new WireMockNullLogger() }), service ?? new());

    /// <inheritdoc cref="FakePartnerCenterTransport.AddBatch"/>
    public FakeBatch AddBatch(Guid customerId, Guid batchTrackingId) => Service.AddBatch(customerId, batchTrackingId);

    /// <inheritdoc cref="FakePartnerCenterTransport.AddDocumentedSample"/>
    public FakeBatch AddDocumentedSample() => Service.AddDocumentedSample();

    /// <inheritdoc cref="FakePartnerCenterTransport.CallsFor"/>
    public int CallsFor(Guid customerId, Guid batchTrackingId) => Service.CallsFor(customerId, batchTrackingId);

    /// <summary>
    /// Creates a client wired to <see cref="Endpoint"/> through the whole Partner Center pipeline, as
    /// <see cref="FakePartnerCenterTransport.CreateClient"/> does (plain http on loopback allowed). The fake disposes
    /// the clients it created when it is disposed.
    /// </summary>
    /// <param name="configure">Changes the client's options.</param>
    /// <returns>A ready client.</returns>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    /// <exception cref="ArgumentException"><paramref name="configure"/> made the options invalid.</exception>
    public BatchStatusClient CreateClient(Action<BatchStatusClientOptions>? configure = null) => Service.CreateClient(options =>
    {
        options.Transport = null;
        options.Endpoint = Endpoint;
        options.AllowInsecureLoopbackEndpoint = true;
        configure?.Invoke(options);
    });

    /// <summary>Stops the server, the fake service's delayed answers and the clients it created.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Service.Dispose();
        Server.Stop();
        Server.Dispose();
        _service.Dispose();
        WaitUntilRefused(Endpoint);
    }

    /// <summary>Stops the server, the fake service's delayed answers and the clients it created.</summary>
    /// <returns>A task that completes when the server stopped.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<IResponseMessage> AnswerAsync(IRequestMessage request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Url);
        foreach (var (name, values) in request.Headers ?? new Dictionary<string, WireMockList<string>>())
        {
            message.Headers.TryAddWithoutValidation(name, values);
        }

        using var response = await _service.SendAsync(message, CancellationToken.None).ConfigureAwait(false);
        var headers = response.Headers.Concat(response.Content.Headers).Where(header => header.Key != "Content-Length")
            .ToDictionary(header => header.Key, header => new WireMockList<string>(header.Value), StringComparer.OrdinalIgnoreCase);
        return new ResponseMessage
        {
            StatusCode = (int)response.StatusCode,
            Headers = headers,
            BodyData = new BodyData { BodyAsString = await response.Content.ReadAsStringAsync().ConfigureAwait(false), DetectedBodyType = BodyType.String, Encoding = Utf8 },
        };
    }

    /// <summary>
    /// Waits, at most a few seconds, until the port refuses connections. WireMock's <c>Stop</c> can return while the
    /// server is still shutting down; a test that disposes the fake to make the service unreachable must find it so.
    /// </summary>
    private static void WaitUntilRefused(Uri endpoint)
    {
        for (var deadline = Environment.TickCount64 + 5_000; Environment.TickCount64 < deadline; Thread.Sleep(10))
        {
            try
            {
                using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Connect(IPAddress.Loopback, endpoint.Port);
            }
            catch (SocketException)
            {
                return;
            }
        }
    }
}
