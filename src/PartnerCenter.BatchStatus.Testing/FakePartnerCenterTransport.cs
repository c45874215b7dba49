using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// A fake Partner Center in the process, with no socket: an <see cref="HttpMessageHandler"/> to set as
/// <see cref="BatchStatusClientOptions.Transport"/> (or take a client from <see cref="CreateClient"/>), so that the
/// client's whole pipeline (ids, headers, authorization, retries, timeouts, error mapping) runs and only the network is
/// replaced. It serves the batches a test declares, one answer per poll, throttles when told to, and records what the
/// client sent.
/// </summary>
/// <remarks>
/// This is the kit's one fake service; the <c>PartnerCenter.BatchStatus.Testing.WireMock</c> package serves the same
/// one over loopback. Unknown batches are answered <c>404</c> with a Partner Center error body. Every answer of the
/// service echoes the request's <c>MS-RequestId</c> and <c>MS-CorrelationId</c> (or makes them up) and carries
/// <c>MS-CV</c> and <c>MS-ServerId</c>. Batches that finish after a while, delays and throttling follow
/// <see cref="TimeProvider"/>, so a test on a fake clock decides when they happen.
/// </remarks>
/// <example>
/// <code>
/// var service = new FakePartnerCenterTransport();
/// service.AddBatch(customerId, batchTrackingId).ThenFail(503).ThenFinished(FakeDevice.Finished("SN-1"));
/// using var client = service.CreateClient();
/// var details = await client.GetBatchJobStatusAsync(customerId, batchTrackingId); // retried after the 503
/// </code>
/// </example>
public sealed class FakePartnerCenterTransport : HttpMessageHandler
{
    /// <summary>The <c>MS-ServerId</c> that every answer of the fake service carries.</summary>
    public const string ServerId = "fake-partner-center";

    /// <summary>The Partner Center error code of the answer to an unknown batch.</summary>
    public const string UnknownBatchErrorCode = "NotFound";

    private readonly ConcurrentDictionary<(Guid CustomerId, Guid BatchTrackingId), FakeBatch> _batches = new();
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly List<BatchStatusClient> _clients = [];
    private readonly Dictionary<Guid, (double Tokens, DateTimeOffset At)> _buckets = [];
    private readonly CancellationTokenSource _stopping = new();
    private (int RequestsPerSecond, TimeSpan RetryAfter, bool PerCustomer)? _throttle;
    private int _throttledCount;

    /// <summary>Initializes a new instance of the <see cref="FakePartnerCenterTransport"/> class that serves no batch yet.</summary>
    /// <param name="timeProvider">
    /// The service's clock, for delays, throttling and batches that finish after a while; give the client and the
    /// waits the same fake clock in tests. The default value is <see cref="TimeProvider.System"/>.
    /// </param>
    public FakePartnerCenterTransport(TimeProvider? timeProvider = null) => TimeProvider = timeProvider ?? TimeProvider.System;

    /// <summary>Gets the service's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets a fake credential for the clients of <see cref="CreateClient"/>: a fixed fake token, and a record of what was asked of it.</summary>
    public FakeTokenCredential Credential { get; } = new();

    /// <summary>Gets how many requests were answered <c>429</c> by the throttle of <see cref="Throttle"/>.</summary>
    public int ThrottledCount => Volatile.Read(ref _throttledCount);

    /// <summary>Gets every request received so far, in the order they arrived (a delayed one is listed at once, with its status once answered).</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>
    /// Throttles like Partner Center, per partner or per customer: up to <paramref name="requestsPerSecond"/> requests
    /// at once, then <paramref name="requestsPerSecond"/> a second (a token bucket, the shape of the client's own
    /// budget); a request beyond it is answered <c>429</c> with <paramref name="retryAfter"/> and does not reach its
    /// batch (the batch's answers do not move on).
    /// </summary>
    /// <remarks>
    /// A bucket rather than a count over the last second: a client that keeps exactly to the rate would meet a
    /// sliding count whenever the network delays one request more than the one after it.
    /// </remarks>
    /// <param name="requestsPerSecond">The requests answered a second, and at once, at least 1.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> of a throttled answer, in whole seconds (rounded up).</param>
    /// <param name="perCustomer"><see langword="true"/> to count each customer's requests apart.</param>
    /// <returns>This fake, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requestsPerSecond"/> is less than 1, or <paramref name="retryAfter"/> is negative.</exception>
    public FakePartnerCenterTransport Throttle(int requestsPerSecond, TimeSpan retryAfter, bool perCustomer = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        _throttle = (requestsPerSecond, retryAfter, perCustomer);
        return this;
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
        _ = new BatchTrackingLocation(customerId, batchTrackingId);
        ThrowIfDisposed();
        var batch = new FakeBatch(this, customerId, batchTrackingId);
        return _batches.TryAdd((customerId, batchTrackingId), batch)
            ? batch
            : throw new InvalidOperationException($"The batch {batchTrackingId:D} of customer {customerId:D} was already added: declare further answers on the FakeBatch returned then.");
    }

    /// <summary>Counts the requests received for a batch so far, whatever the answer (unknown batches and throttled requests included).</summary>
    /// <param name="customerId">The customer's tenant id.</param>
    /// <param name="batchTrackingId">The batch tracking id.</param>
    /// <returns>The number of requests.</returns>
    public int CallsFor(Guid customerId, Guid batchTrackingId) =>
        Requests.Count(request => request.CustomerId == customerId && request.BatchTrackingId == batchTrackingId);

    /// <summary>
    /// Creates a client over this fake with the whole Partner Center pipeline (authentication with
    /// <see cref="Credential"/>, headers, retries) on the service's clock. The fake disposes the clients it created when it is disposed.
    /// </summary>
    /// <param name="configure">
    /// Changes the client's options. By default retries wait 10 to 100 milliseconds instead of seconds, so tests of
    /// faults stay fast; <c>Retry-After</c> from the fake is honoured as it is.
    /// </param>
    /// <returns>A ready client.</returns>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    /// <exception cref="ArgumentException"><paramref name="configure"/> made the options invalid.</exception>
    public BatchStatusClient CreateClient(Action<BatchStatusClientOptions>? configure = null)
    {
        var options = new BatchStatusClientOptions { Transport = this, TimeProvider = TimeProvider };
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(100);
        configure?.Invoke(options);
        lock (_clients)
        {
            ThrowIfDisposed();
            var client = new BatchStatusClient(Credential, options);
            _clients.Add(client);
            return client;
        }
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);

    /// <summary>Answers a request as Partner Center would, from the declared batches.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call, and a delayed answer with it.</param>
    /// <returns>The answer.</returns>
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var recorded = RecordedRequest.From(request, TimeProvider.GetUtcNow());
        _requests.Enqueue(recorded);

        var answer = Answer(request.Method, recorded);
        if (answer.Delay is { } delay)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
            await Task.Delay(delay, TimeProvider, stop.Token).ConfigureAwait(false);
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.StatusCode) { RequestMessage = request, Content = new StringContent(answer.Body(), Encoding.UTF8) };
        response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
        if (answer.FromPartnerCenter)
        {
            response.Headers.Add("MS-RequestId", EchoOrNew(request, "MS-RequestId"));
            response.Headers.Add("MS-CorrelationId", EchoOrNew(request, "MS-CorrelationId"));
            response.Headers.Add("MS-CV", Convert.ToHexString(Guid.NewGuid().ToByteArray())[..16] + ".0");
            response.Headers.Add("MS-ServerId", ServerId);
        }

        foreach (var (name, value) in answer.Headers)
        {
            HttpHeaders headers = name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) ? response.Content.Headers : response.Headers;
            headers.Remove(name);
            headers.TryAddWithoutValidation(name, value);
        }

        recorded.StatusCode = answer.StatusCode;
        return response;
    }

    /// <summary>Stops the delayed answers and disposes the clients the fake created.</summary>
    /// <param name="disposing">Whether the call comes from <see cref="IDisposable.Dispose"/>.</param>
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
            lock (_clients)
            {
                _clients.ForEach(client => client.Dispose());
                _clients.Clear();
            }
        }

        base.Dispose(disposing);
    }

    private FakeAnswer Answer(HttpMethod method, RecordedRequest request)
    {
        var path = request.Path.Split('/');
        if (method != HttpMethod.Get || !BatchRoute.IsOperation(request.Path))
        {
            return FakeAnswer.Error(404, UnknownBatchErrorCode, "The resource was not found.");
        }

        if (_throttle is { } rule && !TakeToken(rule, request.CustomerId))
        {
            Interlocked.Increment(ref _throttledCount);
            return FakeAnswer.Throttled(rule.RetryAfter);
        }

        // A batch added without an answer says so to the test's author, rather than pass for an unknown batch.
        return request.BatchTrackingId is { } batchTrackingId && _batches.TryGetValue((request.CustomerId!.Value, batchTrackingId), out var batch)
            ? batch.Next() ?? FakeAnswer.Error(404, UnknownBatchErrorCode, $"The fake's batch {path[5]} of customer {path[3]} was added without an answer: declare one, such as ThenQueued().")
            : FakeAnswer.Error(404, UnknownBatchErrorCode, $"No batch with tracking id {path[5]} was found for customer {path[3]}.");
    }

    /// <summary>Takes the request's token from the throttle's bucket; <see langword="false"/> when there is none left.</summary>
    private bool TakeToken((int RequestsPerSecond, TimeSpan RetryAfter, bool PerCustomer) rule, Guid? customerId)
    {
        var now = TimeProvider.GetUtcNow();
        lock (_buckets)
        {
            var key = rule.PerCustomer ? customerId ?? Guid.Empty : Guid.Empty;
            var (tokens, at) = _buckets.TryGetValue(key, out var bucket) ? bucket : (rule.RequestsPerSecond, now);
            tokens = Math.Min(rule.RequestsPerSecond, tokens + (rule.RequestsPerSecond * Math.Max(0, (now - at).TotalSeconds)));
            _buckets[key] = (tokens < 1 ? tokens : tokens - 1, now);
            return tokens >= 1;
        }
    }

    private static string EchoOrNew(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } sent
            ? sent
            : Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
}
