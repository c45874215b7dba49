using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Http;
using PartnerCenter.BatchStatus.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class RetryTests : IDisposable
{
    private const string Scenario = "retries";

    private readonly WireMockServer _server = LoopbackServer.Start();
    private readonly FakeTokenCredential _credential = new();

    public void Dispose() => _server.Dispose();

    [Fact]
    public async Task GetBatchJobStatusAsync_429Then503Then200_SucceedsWithOneRequestIdAndHonoursRetryAfter()
    {
        _server.Given(Request.Create().UsingGet().WithPath(LoopbackServer.DocumentedPath)).InScenario(Scenario).WillSetStateTo("throttled")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1").WithBody("""{"code":"429","description":"Too many requests"}"""));
        _server.Given(Request.Create().UsingGet().WithPath(LoopbackServer.DocumentedPath)).InScenario(Scenario).WhenStateIs("throttled").WillSetStateTo("unavailable")
            .RespondWith(Response.Create().WithStatusCode(503));
        _server.Given(Request.Create().UsingGet().WithPath(LoopbackServer.DocumentedPath)).InScenario(Scenario).WhenStateIs("unavailable").WillSetStateTo("unavailable")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(RepositoryFiles.ReadDocumentedSample()));
        using var activities = new ActivityRecorder();
        var time = new RecordingTimeProvider(new FakeTimeProvider());
        var options = LoopbackServer.OptionsFor(_server);
        options.TimeProvider = time;
        using var client = new BatchStatusClient(_credential, options);

        // Real HTTP, fake clock: the waits are timers on the fake clock, moved on by the test.
        var call = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(1));
        Assert.Single(_server.LogEntries);
        time.Clock.Advance(TimeSpan.FromSeconds(1));
        for (var i = 0; i < 2000 && !call.IsCompleted; i++)
        {
            time.Clock.Advance(TimeSpan.FromMilliseconds(5));
            await Task.Delay(5);
        }

        var details = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("finished", details.Status);
        var requestIds = _server.LogEntries.Select(entry => entry.Header(PartnerCenterHeaderNames.RequestId)).ToList();
        Assert.Equal(3, requestIds.Count);
        Assert.Single(requestIds.Distinct());
        Assert.Equal(requestIds[0], details.Response!.RequestId);
        Assert.Equal(1, _credential.Calls);
        Assert.All(_server.LogEntries, entry => Assert.Equal("Bearer " + _credential.Token, entry.Header("Authorization")));

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
        _server.Given(Request.Create().UsingGet().WithPath(LoopbackServer.DocumentedPath))
            .RespondWith(Response.Create().WithStatusCode(503).WithBody("""{"code":"3000","description":"Service unavailable","source":"PartnerFD"}"""));
        var options = LoopbackServer.OptionsFor(_server);
        options.Retry.MaxRetries = 2;
        using var client = new BatchStatusClient(_credential, options);

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(503, exception.StatusCode);
        Assert.Equal("3000", exception.ErrorCode);
        Assert.Equal(3, _server.LogEntries.Count());
        var sentId = Assert.Single(_server.LogEntries.Select(entry => entry.Header(PartnerCenterHeaderNames.RequestId)).Distinct());
        Assert.Equal(sentId, exception.RequestId);
        Assert.DoesNotContain(_credential.Token, exception.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task GetBatchJobStatusAsync_TransientStatusOnce_IsRetriedWithTheSameRequestId(HttpStatusCode status)
    {
        var handler = ScriptedHandler.Statuses(status);
        using var client = new BatchStatusClient(_credential, FastRetries().WithTransport(handler));

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("finished", details.Status);
        Assert.Equal(2, handler.Attempts.Count);
        Assert.Single(handler.Attempts.Select(attempt => attempt.RequestId).Distinct());
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.NotImplemented)]
    [InlineData(HttpStatusCode.HttpVersionNotSupported)]
    public async Task GetBatchJobStatusAsync_PermanentStatus_IsNotRetried(HttpStatusCode status)
    {
        var handler = ScriptedHandler.Statuses(status);
        using var client = new BatchStatusClient(_credential, FastRetries().WithTransport(handler));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal((int)status, exception.StatusCode);
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ConnectionFailureOnce_IsRetried()
    {
        var handler = new ScriptedHandler((attempt, _) => attempt == 0 ? throw ScriptedHandler.ConnectionRefused() : ScriptedHandler.Answer(HttpStatusCode.OK));
        using var client = new BatchStatusClient(_credential, FastRetries().WithTransport(handler));

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("finished", details.Status);
        Assert.Equal(2, handler.Attempts.Count);
        Assert.Single(handler.Attempts.Select(attempt => attempt.RequestId).Distinct());
        Assert.All(handler.Attempts, attempt => Assert.Equal("Bearer " + _credential.Token, attempt.Authorization));
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ClosedLoopbackPort_ThrowsHttpRequestExceptionAfterEveryAttempt()
    {
        // A socket bound to a loopback port without listening: connections to it are refused, and no server
        // started by a test running in parallel can take the port while this test runs.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}/");
        using var logs = new CapturingLoggerProvider();
        var options = new BatchStatusClientOptions
        {
            Endpoint = endpoint,
            AllowInsecureLoopbackEndpoint = true,
            LoggerFactory = logs.CreateFactory(),
            Retry = { MaxRetries = 2, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
        };
        using var client = new BatchStatusClient(_credential, options);

        // Not an AggregateException: the caller gets what a single failed attempt gives.
        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(HttpRequestError.ConnectionError, exception.HttpRequestError);
        var line = Assert.Single(logs.For("PartnerCenter.BatchStatus"));
        Assert.Equal(3, line["Attempts"]);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_RetryAfterLongerThanMaxRetryAfter_GivesTheWaitToTheCaller()
    {
        var handler = new ScriptedHandler((_, _) =>
        {
            var response = ScriptedHandler.Answer(HttpStatusCode.TooManyRequests);
            response.Headers.Add("Retry-After", "120");
            return response;
        });
        using var client = new BatchStatusClient(_credential, FastRetries().WithTransport(handler));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(429, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), exception.RetryAfter);
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_RetryAfterEndingPastTheTimeout_GivesTheWaitToTheCaller()
    {
        var handler = new ScriptedHandler((_, _) =>
        {
            var response = ScriptedHandler.Answer(HttpStatusCode.ServiceUnavailable);
            response.Headers.Add("Retry-After", "20");
            return response;
        });
        var options = FastRetries();
        options.Timeout = TimeSpan.FromSeconds(10);
        using var client = new BatchStatusClient(_credential, options.WithTransport(handler));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(503, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(20), exception.RetryAfter);
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CallerCancelsDuringAWait_StopsAtOnceWithOperationCanceledException()
    {
        var firstAttempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new ScriptedHandler((_, _) =>
        {
            firstAttempt.TrySetResult();
            var response = ScriptedHandler.Answer(HttpStatusCode.TooManyRequests);
            response.Headers.Add("Retry-After", "30");
            return response;
        });
        using var client = new BatchStatusClient(_credential, FastRetries().WithTransport(handler));
        using var cancellation = new CancellationTokenSource();

        var call = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, cancellation.Token);
        await firstAttempt.Task;
        await cancellation.CancelAsync();

        // The 30 s wait is abandoned: the bound only keeps a broken build from hanging.
        var exception = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(cancellation.Token, exception.CancellationToken);
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_RetryAfterAsADate_WaitsUntilThatDateOnTheOptionsClock()
    {
        var time = new RecordingTimeProvider(new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero)));
        var handler = new ScriptedHandler((attempt, _) =>
        {
            if (attempt > 0)
            {
                return ScriptedHandler.Answer(HttpStatusCode.OK);
            }

            var response = ScriptedHandler.Answer(HttpStatusCode.ServiceUnavailable);
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(time.GetUtcNow().AddSeconds(7));
            return response;
        });
        var options = FastRetries();
        options.TimeProvider = time;
        using var client = new BatchStatusClient(new FakeTokenCredential(time), options.WithTransport(handler));

        var call = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        Assert.Single(handler.Attempts);
        time.Clock.Advance(TimeSpan.FromSeconds(7));
        var details = await call.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal("finished", details.Status);
        Assert.Equal(2, handler.Attempts.Count);
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

    private static BatchStatusClientOptions FastRetries() => new()
    {
        Retry = { MaxRetries = 3, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
    };
}
