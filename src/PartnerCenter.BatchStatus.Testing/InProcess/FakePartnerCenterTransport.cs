using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// A fake Partner Center in the process, with no socket: an <see cref="HttpMessageHandler"/> to set as
/// <see cref="BatchStatusClientOptions.Transport"/>, so that the client's whole pipeline (ids, headers, authorization,
/// retries, timeouts, error mapping) runs and only the network is replaced. It serves the batches a test declares,
/// one answer per call, and answers unknown batches <c>404</c> with a Partner Center error body.
/// </summary>
/// <remarks>
/// For unit tests that want no sockets. The kit's <c>FakePartnerCenter</c> is the over-the-wire fake, for contract tests
/// and for faults that only a real connection shows. This type uses nothing but the client and the .NET libraries.
/// Every answer echoes the request's <c>MS-RequestId</c> and <c>MS-CorrelationId</c> (or makes them up) and carries
/// <c>MS-CV</c> and <c>MS-ServerId</c>.
/// </remarks>
/// <example>
/// <code>
/// var transport = new FakePartnerCenterTransport();
/// transport.AddBatch(customerId, batchTrackingId).ThenProcessing().ThenFinished(FakeDevice.Finished("SN-1"));
/// using var client = new BatchStatusClient(new FakeTokenCredential(), new BatchStatusClientOptions { Transport = transport });
/// var details = await client.GetBatchJobStatusAsync(customerId, batchTrackingId);
/// </code>
/// </example>
#if EMBEDDED_FAKE_TRANSPORT
internal
#else
public
#endif
sealed class FakePartnerCenterTransport : HttpMessageHandler
{
    /// <summary>The <c>MS-ServerId</c> that every answer carries.</summary>
    public const string ServerId = "fake-partner-center-in-process";

    private readonly ConcurrentDictionary<(Guid CustomerId, Guid BatchTrackingId), FakeTransportBatch> _batches = new();
    private readonly Dictionary<Guid, Queue<DateTimeOffset>> _recent = [];
    private int _requestCount;
    private int _throttledCount;
    private ThrottleRule? _throttle;

    /// <summary>
    /// Initializes a new instance of the <see cref="FakePartnerCenterTransport"/> class that serves no batch yet: every
    /// request is answered with 404 until batches are added.
    /// </summary>
    public FakePartnerCenterTransport()
        : this(TimeProvider.System)
    {
    }

    /// <summary>
    /// Initializes a new instance of the <see cref="FakePartnerCenterTransport"/> class whose throttling and batches that
    /// finish after a while (<see cref="FakeTransportBatch.FinishesAfter"/>) follow <paramref name="timeProvider"/>.
    /// </summary>
    /// <param name="timeProvider">The service's clock; give the client and the waits the same fake clock in tests.</param>
    /// <exception cref="ArgumentNullException"><paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    public FakePartnerCenterTransport(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
    }

    /// <summary>Gets the service's clock.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets how many requests were answered <c>429</c> by the throttle of <see cref="Throttle"/>.</summary>
    public int ThrottledCount => Volatile.Read(ref _throttledCount);

    /// <summary>
    /// Throttles like Partner Center: beyond <paramref name="requestsPerSecond"/> requests in any second (counted for the
    /// whole partner, or per customer), a request is answered <c>429</c> with <paramref name="retryAfter"/> and does not
    /// reach its batch (the batch's answers do not move on).
    /// </summary>
    /// <param name="requestsPerSecond">The requests answered in any one second, at least 1.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> of a throttled answer, in whole seconds (rounded up).</param>
    /// <param name="perCustomer"><see langword="true"/> to count each customer's requests apart.</param>
    /// <returns>This fake, for chaining.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requestsPerSecond"/> is less than 1, or <paramref name="retryAfter"/> is negative.</exception>
    public FakePartnerCenterTransport Throttle(int requestsPerSecond, TimeSpan retryAfter, bool perCustomer = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(requestsPerSecond, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        _throttle = new ThrottleRule(requestsPerSecond, TimeSpan.FromSeconds(Math.Ceiling(retryAfter.TotalSeconds)), perCustomer);
        return this;
    }

    /// <summary>Gets how many requests were answered so far, whatever the answer.</summary>
    public int RequestCount => Volatile.Read(ref _requestCount);

    /// <summary>Serves the documented sample (<see cref="DocumentedSample"/>) for its customer and batch ids.</summary>
    /// <returns>The batch, to declare further answers after the sample.</returns>
    /// <exception cref="InvalidOperationException">The documented batch was already added.</exception>
    public FakeTransportBatch AddDocumentedSample() =>
        AddBatch(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId).ThenRespond(200, DocumentedSample.Json);

    /// <summary>Adds a batch; declare its answers on the returned <see cref="FakeTransportBatch"/>.</summary>
    /// <param name="customerId">The customer's tenant id.</param>
    /// <param name="batchTrackingId">The batch tracking id.</param>
    /// <returns>The batch.</returns>
    /// <exception cref="ArgumentException">An id is <see cref="Guid.Empty"/>.</exception>
    /// <exception cref="InvalidOperationException">The batch was already added.</exception>
    public FakeTransportBatch AddBatch(Guid customerId, Guid batchTrackingId)
    {
        if (customerId == Guid.Empty)
        {
            throw new ArgumentException("The customer id must not be Guid.Empty.", nameof(customerId));
        }

        if (batchTrackingId == Guid.Empty)
        {
            throw new ArgumentException("The batch tracking id must not be Guid.Empty.", nameof(batchTrackingId));
        }

        var batch = new FakeTransportBatch(customerId, batchTrackingId, UtcNowToTheSecond(), TimeProvider);
        return _batches.TryAdd((customerId, batchTrackingId), batch)
            ? batch
            : throw new InvalidOperationException($"The batch {batchTrackingId:D} of customer {customerId:D} was already added: declare further answers on the batch returned then.");
    }

    /// <summary>Answers a request as Partner Center would, from the declared batches.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer.</returns>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _requestCount);
        var path = request.RequestUri?.AbsolutePath;
        (int Status, string Body, string ContentType, TimeSpan? RetryAfter) answer;
        if (request.Method != HttpMethod.Get || !BatchRoute.TryParse(path, out var customerId, out var batchTrackingId))
        {
            answer = (404, PartnerCenterErrorBody.Write("NotFound", "The resource was not found."), JsonContentType, null);
        }
        else if (IsThrottled(customerId) is { } throttledFor)
        {
            Interlocked.Increment(ref _throttledCount);
            answer = (429, PartnerCenterErrorBody.Write("429", string.Create(CultureInfo.InvariantCulture, $"Too many requests. Retry after {throttledFor.TotalSeconds} seconds.")), JsonContentType, throttledFor);
        }
        else if (_batches.TryGetValue((customerId, batchTrackingId), out var batch))
        {
            answer = batch.Next();
        }
        else
        {
            var segments = path!.Split('/');
            answer = (404, PartnerCenterErrorBody.Write("NotFound", $"No batch with tracking id {segments[5]} was found for customer {segments[3]}."), JsonContentType, null);
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            RequestMessage = request,
            Content = new StringContent(answer.Body, Encoding.UTF8),
        };
        response.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
        response.Headers.TryAddWithoutValidation(PartnerCenterHeaderNames.RequestId, EchoOrNew(request, PartnerCenterHeaderNames.RequestId));
        response.Headers.TryAddWithoutValidation(PartnerCenterHeaderNames.CorrelationId, EchoOrNew(request, PartnerCenterHeaderNames.CorrelationId));
        response.Headers.TryAddWithoutValidation(PartnerCenterHeaderNames.CorrelationVector, Convert.ToHexString(Guid.NewGuid().ToByteArray())[..16] + ".0");
        response.Headers.TryAddWithoutValidation(PartnerCenterHeaderNames.ServerId, ServerId);
        if (answer.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = new RetryConditionHeaderValue(retryAfter);
        }

        return Task.FromResult(response);
    }

    private const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Counts the request against the throttle's window; returns the Retry-After of a throttled one.</summary>
    private TimeSpan? IsThrottled(Guid customerId)
    {
        if (_throttle is not { } rule)
        {
            return null;
        }

        var now = TimeProvider.GetUtcNow();
        lock (_recent)
        {
            var key = rule.PerCustomer ? customerId : Guid.Empty;
            if (!_recent.TryGetValue(key, out var window))
            {
                _recent[key] = window = new Queue<DateTimeOffset>();
            }

            while (window.Count > 0 && now - window.Peek() >= TimeSpan.FromSeconds(1))
            {
                window.Dequeue();
            }

            if (window.Count >= rule.RequestsPerSecond)
            {
                return rule.RetryAfter;
            }

            window.Enqueue(now);
            return null;
        }
    }

    private DateTimeOffset UtcNowToTheSecond()
    {
        var now = TimeProvider.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    private static string EchoOrNew(HttpRequestMessage request, string name) =>
        request.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } sent
            ? sent
            : Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);

    private sealed record ThrottleRule(int RequestsPerSecond, TimeSpan RetryAfter, bool PerCustomer);
}
