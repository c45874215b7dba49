using System.Net;
using System.Net.Sockets;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;
using WireMockRequest = WireMock.RequestBuilders.Request;
using WireMockResponse = WireMock.ResponseBuilders.Response;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// A fake Partner Center on loopback (127.0.0.1, a free port) that serves the batches a test declares, injects
/// faults and records what the client sent. Built on WireMock.Net.
/// </summary>
/// <remarks>
/// Unknown batches are answered as Partner Center answers them: <c>404</c> with a Partner Center error body.
/// Every answer of the service echoes the request's <c>MS-RequestId</c> and <c>MS-CorrelationId</c> (or makes them
/// up when the request had none) and carries <c>MS-CV</c> and <c>MS-ServerId</c>.
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
    /// <summary>The <c>MS-ServerId</c> that every answer of the fake service carries.</summary>
    public const string ServerId = "fake-partner-center";

    /// <summary>The Partner Center error code of the answer to an unknown batch.</summary>
    public const string UnknownBatchErrorCode = "NotFound";

    /// <summary>The priority of a declared batch's mappings: they win over the catch-all for unknown batches.</summary>
    internal const int BatchPriority = 10;

    private const int UnknownBatchPriority = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(Guid CustomerId, Guid BatchTrackingId), FakeBatch> _batches = [];
    private readonly List<BatchStatusClient> _clients = [];
    private readonly CancellationTokenSource _stopping = new();
    private bool _disposed;

    private FakePartnerCenter(WireMockServer server)
    {
        Server = server;
        Endpoint = new Uri(server.Urls[0].TrimEnd('/') + "/");
        Server
            .Given(WireMockRequest.Create().UsingGet().WithPath(BatchRoute.IsOperation))
            .WithTitle("unknown batch")
            .AtPriority(UnknownBatchPriority)
            .RespondWith(WireMockResponse.Create().WithCallback(request =>
            {
                // The path is /v1/customers/{customer}/batchJobStatus/{batch}; the ids are quoted as sent.
                var segments = request.PathSegments;
                return FakeAnswer.Error(
                    404,
                    UnknownBatchErrorCode,
                    $"No batch with tracking id {segments[4]} was found for customer {segments[2]}.")
                    .Create(request);
            }));
    }

    /// <summary>Gets the service's base address, such as <c>http://127.0.0.1:51234/</c> (ending with <c>/</c>).</summary>
    public Uri Endpoint { get; }

    /// <summary>Gets a fake credential for clients of this fake service: it hands out a fixed fake token and records what was asked of it.</summary>
    public FakeTokenCredential Credential { get; } = new();

    /// <summary>
    /// Gets the WireMock server behind the fake, for what the fake does not offer (such as WireMock's own faults).
    /// Mappings added to it with a priority below 10 win over the declared batches.
    /// </summary>
    public WireMockServer Server { get; }

    /// <summary>
    /// Gets every request answered so far, in the order they were answered (a request still waiting out a
    /// <see cref="FakeBatch.WithDelay"/> is listed once it is answered).
    /// </summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. Server.LogEntries.Where(entry => entry.RequestMessage is not null).Select(RecordedRequest.From)];

    /// <summary>Starts a fake Partner Center on 127.0.0.1, on a free port.</summary>
    /// <returns>The running fake; dispose it to stop it.</returns>
    public static FakePartnerCenter Start()
    {
        var server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            StartAdminInterface = false,
            Logger = new WireMockNullLogger(),
        });
        return new FakePartnerCenter(server);
    }

    /// <summary>
    /// Creates a client wired to the fake service through the whole Partner Center pipeline (authentication with
    /// <see cref="Credential"/>, headers, retries), as <c>new BatchStatusClient(credential, options)</c> builds it.
    /// The fake disposes the clients it created when it is disposed.
    /// </summary>
    /// <param name="configure">
    /// Changes the client's options. By default the endpoint is <see cref="Endpoint"/> (plain http on loopback is
    /// allowed) and retries wait 10 to 100 milliseconds instead of seconds, so tests of faults stay fast;
    /// <c>Retry-After</c> from the fake is honoured as it is.
    /// </param>
    /// <returns>A ready client.</returns>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    /// <exception cref="ArgumentException"><paramref name="configure"/> made the options invalid.</exception>
    public BatchStatusClient CreateClient(Action<BatchStatusClientOptions>? configure = null)
    {
        var options = new BatchStatusClientOptions { Endpoint = Endpoint, AllowInsecureLoopbackEndpoint = true };
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
        configure?.Invoke(options);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var client = new BatchStatusClient(Credential, options);
            _clients.Add(client);
            return client;
        }
    }

    /// <summary>Serves the documented sample (<see cref="DocumentedSample"/>) for its customer and batch ids.</summary>
    /// <returns>The batch, to declare further answers after the sample.</returns>
    /// <exception cref="InvalidOperationException">The documented batch was already added.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch AddDocumentedSample() =>
        AddBatch(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId).ThenRespond(200, DocumentedSample.Json);

    /// <summary>Adds a batch; declare its answers on the returned <see cref="FakeBatch"/>.</summary>
    /// <param name="customerId">The customer's tenant id.</param>
    /// <param name="batchTrackingId">The batch tracking id.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException">An id is <see cref="Guid.Empty"/>.</exception>
    /// <exception cref="InvalidOperationException">The batch was already added.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch AddBatch(Guid customerId, Guid batchTrackingId)
    {
        if (customerId == Guid.Empty)
        {
            throw new ArgumentException("The customer id must not be Guid.Empty.", nameof(customerId));
        }

        if (batchTrackingId == Guid.Empty)
        {
            throw new ArgumentException("The batch tracking id must not be Guid.Empty.", nameof(batchTrackingId));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_batches.ContainsKey((customerId, batchTrackingId)))
            {
                throw new InvalidOperationException($"The batch {batchTrackingId:D} of customer {customerId:D} was already added: declare further answers on the FakeBatch returned then.");
            }

            var batch = new FakeBatch(this, customerId, batchTrackingId, UtcNowToTheSecond());
            _batches.Add((customerId, batchTrackingId), batch);
            return batch;
        }
    }

    /// <summary>Counts the requests answered for a batch so far, whatever the answer (unknown batches included).</summary>
    /// <param name="customerId">The customer's tenant id.</param>
    /// <param name="batchTrackingId">The batch tracking id.</param>
    /// <returns>The number of requests.</returns>
    public int CallsFor(Guid customerId, Guid batchTrackingId) =>
        Server.LogEntries.Count(entry =>
            entry.RequestMessage is { } request
            && string.Equals(request.Method, HttpMethod.Get.Method, StringComparison.OrdinalIgnoreCase)
            && BatchRoute.Matches(request.Path, customerId, batchTrackingId));

    /// <summary>Stops the fake service and disposes the clients it created.</summary>
    public void Dispose()
    {
        List<BatchStatusClient> clients;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            clients = [.. _clients];
            _clients.Clear();
        }

        // Ends the answers that are still waiting out a delay, so that stopping the server does not wait for them.
        _stopping.Cancel();
        foreach (var client in clients)
        {
            client.Dispose();
        }

        Server.Stop();
        Server.Dispose();
        _stopping.Dispose();
        WaitUntilRefused(Endpoint);
    }

    /// <summary>Stops the fake service and disposes the clients it created.</summary>
    /// <returns>A task that completes when the service stopped.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal static DateTimeOffset UtcNowToTheSecond()
    {
        var now = DateTimeOffset.UtcNow;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    internal (WireMockServer Server, CancellationToken Stopping) ServerForBatches()
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        return (Server, _stopping.Token);
    }

    /// <summary>
    /// Waits, at most a few seconds, until the port refuses connections. WireMock's <c>Stop</c> can return while the
    /// server is still shutting down (its own cancellation started the stop first); a test that disposes the fake to
    /// make the service unreachable must find it so.
    /// </summary>
    private static void WaitUntilRefused(Uri endpoint)
    {
        var deadline = Environment.TickCount64 + 5_000;
        while (Environment.TickCount64 < deadline)
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

            Thread.Sleep(10);
        }
    }
}
