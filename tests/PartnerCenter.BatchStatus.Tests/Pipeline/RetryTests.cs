using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class RetryTests : IDisposable
{
    private readonly RecordingClock _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
    private readonly FakePartnerCenterTransport _service;

    public RetryTests() => _service = new FakePartnerCenterTransport(_time);

    /// <summary>No bounds on the fake clock: its only timers are the waits, which the tests move on.</summary>
    private static Action<BatchStatusClientOptions> Untimed => options => (options.Timeout, options.Retry.AttemptTimeout) = (Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public void Dispose() => _service.Dispose();

    private BatchStatusClient Client(Action<BatchStatusClientOptions>? configure = null) => _service.CreateClient(Untimed + configure);

    [Fact]
    public async Task GetBatchJobStatusAsync_429Then503Then200_SucceedsWithOneRequestIdAndHonoursRetryAfter()
    {
        await using var host = FakePartnerCenter.Start(_service);
        var throttled = host.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).ThenThrottle(TimeSpan.FromSeconds(1)).ThenFail(503).ThenSample();
        using var activities = new ActivityRecorder();
        using var client = host.CreateClient(Untimed + (options => (options.Retry.BaseDelay, options.Retry.MaxDelay) = (TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5))));

        // Real HTTP, fake clock: the waits are timers on the fake clock, moved on by the test.
        var call = client.GetBatchJobStatusAsync(throttled.CustomerId, throttled.BatchTrackingId);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Equal(1, throttled.Calls);
        _time.Clock.Advance(TimeSpan.FromSeconds(1));
        var details = await _time.RunAsync(call);

        Assert.Equal("finished", details.Status);
        var requestIds = _service.RequestIds();
        Assert.Equal(3, requestIds.Count);
        Assert.Single(requestIds.Distinct());
        Assert.Equal(requestIds[0], details.Response!.RequestId);
        Assert.Equal(1, host.Credential.RequestCount);
        Assert.All(_service.Requests, request => Assert.Equal("Bearer " + host.Credential.Token, request.GetHeader("Authorization")));

        // The strategy waited exactly what Retry-After asked, then backed off by the (tiny) configured delay.
        var retries = activities.ForRequest(requestIds[0]).Events.Where(e => e.Name == "retry").ToList();
        Assert.Equal(2, retries.Count);
        Assert.Equal(429, retries[0].Tags.Single(tag => tag.Key == "http.response.status_code").Value);
        Assert.Equal(1000d, retries[0].Tags.Single(tag => tag.Key == "partnercenter.retry_delay_ms").Value);
        Assert.Equal(503, retries[1].Tags.Single(tag => tag.Key == "http.response.status_code").Value);
        Assert.InRange((double)retries[1].Tags.Single(tag => tag.Key == "partnercenter.retry_delay_ms").Value!, 0d, 5d);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_Persistent503_ThrowsPartnerCenterApiExceptionAfterTheConfiguredRetries()
    {
        _service.Documented().ThenFail(503, "3000", "Service unavailable");
        using var client = Client(options => options.Retry.MaxRetries = 2);

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => _time.RunAsync(client.GetDocumentedAsync()));

        Assert.Equal(503, exception.StatusCode);
        Assert.Equal("3000", exception.ErrorCode);
        Assert.Equal(3, _service.Requests.Count);
        Assert.Equal(Assert.Single(_service.RequestIds().Distinct()), exception.RequestId);
        Assert.DoesNotContain(_service.Credential.Token, exception.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadGateway, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.GatewayTimeout, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.NotImplemented, false)]
    [InlineData(HttpStatusCode.HttpVersionNotSupported, false)]
    public async Task GetBatchJobStatusAsync_StatusOnce_IsRetriedWithTheSameRequestIdOnlyWhenTransient(HttpStatusCode status, bool transient)
    {
        _service.Documented().ThenFail((int)status).ThenSample();
        using var client = Client();

        if (transient)
        {
            Assert.Equal("finished", (await _time.RunAsync(client.GetDocumentedAsync())).Status);
            Assert.Equal(2, _service.Requests.Count);
            Assert.Single(_service.RequestIds().Distinct());
        }
        else
        {
            var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());
            Assert.Equal((int)status, exception.StatusCode);
            Assert.Single(_service.Requests);
        }
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ConnectionFailureOnce_IsRetried()
    {
        _service.Documented().ThenSample();
        var credential = new TestTokenCredential();
        using var refusedOnce = new RefusingHandler(_service, refusals: 1);
        using var client = Kit.ClientOver(refusedOnce, credential: credential);

        var details = await client.GetDocumentedAsync();

        Assert.Equal("finished", details.Status);
        Assert.Equal(2, refusedOnce.Attempts.Count);
        Assert.Single(refusedOnce.Attempts.Select(attempt => attempt.RequestId).Distinct());
        Assert.All(refusedOnce.Attempts, attempt => Assert.Equal("Bearer " + credential.Token, attempt.Authorization));
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ClosedLoopbackPort_ThrowsHttpRequestExceptionAfterEveryAttempt()
    {
        // A socket bound to a loopback port without listening: connections to it are refused, and no server
        // started by a test running in parallel can take the port while this test runs.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        using var logs = new CapturingLoggerProvider();
        using var client = new BatchStatusClient(new TestTokenCredential(), new BatchStatusClientOptions
        {
            Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}/"),
            AllowInsecureLoopbackEndpoint = true,
            LoggerFactory = logs.CreateFactory(),
            Retry = { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        });

        // Not an AggregateException: the caller gets what a single failed attempt gives.
        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetDocumentedAsync());

        Assert.Equal(HttpRequestError.ConnectionError, exception.HttpRequestError);
        Assert.Equal(3, Assert.Single(logs.For("PartnerCenter.BatchStatus"))["Attempts"]);
    }

    [Theory]
    [InlineData(429, "120", null)] // longer than MaxRetryAfter
    [InlineData(503, "20", 10)] // ending past the timeout
    public async Task GetBatchJobStatusAsync_RetryAfterItCannotWait_GivesTheWaitToTheCaller(int status, string retryAfter, int? timeoutSeconds)
    {
        _service.Documented().ThenRetryAfter(status, retryAfter);
        using var client = Client(options => options.Timeout = timeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Timeout);

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal(status, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture)), exception.RetryAfter);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CallerCancelsDuringAWait_StopsAtOnceWithOperationCanceledException()
    {
        _service.Documented().ThenThrottle(TimeSpan.FromSeconds(30));
        using var client = Client();
        using var cancellation = new CancellationTokenSource();

        var call = client.GetDocumentedAsync(cancellation.Token);
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();

        // The 30 s wait is abandoned: the bound only keeps a broken build from hanging.
        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(cancellation.Token, exception.CancellationToken);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_RetryAfterAsADate_WaitsUntilThatDateOnTheOptionsClock()
    {
        _service.Documented().ThenRetryAfter(503, _time.GetUtcNow().AddSeconds(7).ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ThenSample();
        using var client = Client();

        var call = client.GetDocumentedAsync();
        await _time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        Assert.Single(_service.Requests);
        _time.Clock.Advance(TimeSpan.FromSeconds(7));
        var details = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("finished", details.Status);
        Assert.Equal(2, _service.Requests.Count);
    }

    [Theory]
    [InlineData(0, 7)]
    [InlineData(10, 0)]
    public void RetryAfter_HttpDate_IsMeasuredWithTheOptionsClock(int secondsElapsed, int expectedWait)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(7));
        time.Advance(TimeSpan.FromSeconds(secondsElapsed));

        Assert.Equal(TimeSpan.FromSeconds(expectedWait), PartnerCenter.BatchStatus.Errors.PartnerCenterHeaderValues.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()));
    }
}
