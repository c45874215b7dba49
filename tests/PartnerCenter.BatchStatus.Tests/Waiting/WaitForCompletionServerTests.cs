using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Waiting;

/// <summary>The wait against a fake Partner Center on loopback, through the generated client, with a fake clock.</summary>
public sealed class WaitForCompletionServerTests : IDisposable
{
    private static readonly string ProcessingBody =
        $$$"""{"batchTrackingId":"{{{DocumentedIds.BatchTrackingId}}}","status":"processing","devicesStatus":[],"attributes":{"objectType":"BatchUploadDetails"}}""";

    private readonly RecordingClock _time = new();
    private readonly FakePartnerCenter _server;
    private readonly FakeBatch _batch;
    private readonly CorrelationHeaderHandler _handler;
    private readonly BatchStatusClient _client;

    public WaitForCompletionServerTests()
    {
        _server = FakePartnerCenter.Start(new FakePartnerCenterTransport(_time));
        _batch = _server.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        _handler = new CorrelationHeaderHandler(_time);
        _client = new BatchStatusClient(
            new TestTokenCredential(),
            new BatchStatusClientOptions
            {
                Endpoint = _server.Endpoint,
                AllowInsecureLoopbackEndpoint = true,
                Transport = _handler,

                // The wait's clock is the client's too (a 429 pauses the client on it); no bound or budget starts timers of its own.
                TimeProvider = _time,
                Timeout = Timeout.InfiniteTimeSpan,
                MaxRequestsPerSecond = 0,
                Retry = { MaxRetries = 0, AttemptTimeout = Timeout.InfiniteTimeSpan },
            });
    }

    [Fact]
    public async Task WaitForCompletionAsync_ClientDisposedDuringAPause_EndsAtOnceWithObjectDisposedException()
    {
        // The fake clock does not move: only the disposal can end the pause after the first poll.
        _batch.ThenRespond(200, ProcessingBody);
        var polled = new FirstPoll();
        var wait = _client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, Options(), polled);
        await polled.Answered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        _client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, _batch.Calls);
    }

    [Fact]
    public async Task WaitForAllAsync_ClientDisposedDuringAPause_EndsTheBatchAtOnceWithObjectDisposedException()
    {
        _batch.ThenRespond(200, ProcessingBody);
        var polled = new FirstPoll();
        var results = new List<BatchWaitResult>();
        var wait = Task.Run(async () =>
        {
            await foreach (var result in _client.WaitForAllAsync([new(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId)], Options(), polled))
            {
                results.Add(result);
            }
        });
        await polled.Answered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        _client.Dispose();

        await wait.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.IsType<ObjectDisposedException>(Assert.Single(results).Exception);
        Assert.Equal(1, _batch.Calls);
    }

    [Fact]
    public async Task WaitForCompletionAsync_BatchFinishingAfterThreePolls_ReturnsAfterThreePollsWithOneCorrelationId()
    {
        _batch.ThenRespond(200, ProcessingBody).ThenRespond(200, ProcessingBody).ThenSample();
        var progress = new RecordingProgress<BatchUploadDetails>();

        var result = await _time.RunAsync(_client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, Options(), progress));

        Assert.Equal("finished", result.Status);
        Assert.Equal("1 device: 0 succeeded, 1 failed (808 ZtdDeviceAssignedToOtherTenant ×1)", result.Summarize());
        Assert.Equal(["processing", "processing", "finished"], progress.Reports.Select(details => details.Status));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)], _handler.SentAt);

        var sent = CorrelationIdsOnTheWire();
        Assert.Equal(3, sent.Count);
        var correlationId = Assert.Single(sent.Distinct());
        Assert.True(Guid.TryParse(correlationId, out var parsed) && parsed != Guid.Empty, correlationId);
    }

    [Fact]
    public async Task WaitForCompletionAsync_ThrottledThenRetryAfterOnSuccess_HonoursBothRetryAfters()
    {
        _batch.ThenThrottle(TimeSpan.FromSeconds(30)).ThenRespond(200, ProcessingBody, headers: new Dictionary<string, string> { ["Retry-After"] = "45" }).ThenSample();

        var result = await _time.RunAsync(_client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, Options()));

        Assert.Equal("finished", result.Status);

        // 30 s after the throttled poll, then 45 s instead of the schedule's 10 s.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(75)], _handler.SentAt);
        Assert.Single(CorrelationIdsOnTheWire().Distinct());
    }

    [Fact]
    public async Task WaitForCompletionAsync_BatchNeverFinishing_TimeoutCarriesTheLastDetails()
    {
        _batch.ThenRespond(200, ProcessingBody, headers: new Dictionary<string, string> { ["MS-RequestId"] = "7b3e2e00-b330-4480-9d84-59ace713427f" });
        var options = Options();
        options.MaxTotalWait = TimeSpan.FromSeconds(20);

        var timeout = await Assert.ThrowsAsync<BatchWaitTimeoutException>(() => _time.RunAsync(
            _client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, options)));

        // The pause after 15 s would end after the limit: one last poll is made at the limit.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20)], _handler.SentAt);
        Assert.Equal(4, timeout.Polls);
        Assert.Equal(4, _server.Requests.Count);
        Assert.Equal("processing", timeout.LastDetails?.Status);
        Assert.Equal("7b3e2e00-b330-4480-9d84-59ace713427f", timeout.LastDetails?.Response?.RequestId);
        Assert.Equal(timeout.CorrelationId.ToString(), Assert.Single(CorrelationIdsOnTheWire().Distinct()));
    }

    [Fact]
    public async Task WaitForCompletionAsync_CancelledDuringAPause_EndsWithoutAnotherPoll()
    {
        _batch.ThenRespond(200, ProcessingBody);
        using var cancellation = new CancellationTokenSource();

        var wait = _client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, Options(), cancellationToken: cancellation.Token);
        await _time.NextTimerAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.Zero, _time.Elapsed);
        Assert.Single(_server.Requests);
    }

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
        _server.Dispose();
    }

    private BatchWaitOptions Options() => new() { TimeProvider = _time };

    private List<string> CorrelationIdsOnTheWire() =>
        [.. _server.Requests.Select(request => request.GetHeader(PartnerCenterHeaderNames.CorrelationId) ?? "(none)")];

    /// <summary>
    /// Stands in for the pipeline's headers handler: sends the current correlation scope's id as
    /// <c>MS-CorrelationId</c>, and records when (by the fake clock) each request was sent.
    /// </summary>
    private sealed class CorrelationHeaderHandler(RecordingClock time) : DelegatingHandler(new HttpClientHandler())
    {
        private readonly List<TimeSpan> _sentAt = [];

        public IReadOnlyList<TimeSpan> SentAt => _sentAt;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _sentAt.Add(time.Elapsed);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Learns of the first poll's answer: the wait then pauses before the next.</summary>
    private sealed class FirstPoll : IProgress<BatchUploadDetails>, IProgress<BatchPoll>
    {
        public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Report(BatchUploadDetails value) => Answered.TrySetResult();

        public void Report(BatchPoll value) => Answered.TrySetResult();
    }
}
