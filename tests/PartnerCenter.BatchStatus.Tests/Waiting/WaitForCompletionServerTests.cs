using System.Net;
using PartnerCenter.BatchStatus.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PartnerCenter.BatchStatus.Tests.Waiting;

/// <summary>The wait against a fake Partner Center on loopback, through the generated client, with a fake clock.</summary>
public sealed class WaitForCompletionServerTests : IDisposable
{
    private const string StatusPath = "/v1/customers/47021739-3426-40bf-9601-61b4b6d7c793/batchJobStatus/0127ed8e-ff72-4983-a3d8-e8d8bd378932";

    private readonly WireMockServer _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
    private readonly SteppingTimeProvider _time = new();
    private readonly CorrelationHeaderHandler _handler;
    private readonly BatchStatusClient _client;

    public WaitForCompletionServerTests()
    {
        _handler = new CorrelationHeaderHandler(_time);
        _client = new BatchStatusClient(
            new TestTokenCredential(),
            new BatchStatusClientOptions
            {
                Endpoint = new Uri(_server.Urls[0] + "/"),
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
    public async Task WaitForCompletionAsync_BatchFinishingAfterThreePolls_ReturnsAfterThreePollsWithOneCorrelationId()
    {
        AnswerInTurn(Processing(), Processing(), Json(RepositoryFiles.ReadDocumentedSample()));
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
        AnswerInTurn(
            Response.Create().WithStatusCode(429).WithHeader("Retry-After", "30")
                .WithHeader("Content-Type", "application/json").WithBody("""{"code":429,"description":"Too many requests","source":"PartnerFD"}"""),
            Processing().WithHeader("Retry-After", "45"),
            Json(RepositoryFiles.ReadDocumentedSample()));

        var result = await _time.RunAsync(_client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, Options()));

        Assert.Equal("finished", result.Status);

        // 30 s after the throttled poll, then 45 s instead of the schedule's 10 s.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(75)], _handler.SentAt);
        Assert.Single(CorrelationIdsOnTheWire().Distinct());
    }

    [Fact]
    public async Task WaitForCompletionAsync_BatchNeverFinishing_TimeoutCarriesTheLastDetails()
    {
        AnswerInTurn(Processing().WithHeader("MS-RequestId", "7b3e2e00-b330-4480-9d84-59ace713427f"));
        var options = Options();
        options.MaxTotalWait = TimeSpan.FromSeconds(20);

        var timeout = await Assert.ThrowsAsync<BatchWaitTimeoutException>(() => _time.RunAsync(
            _client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, options)));

        // The pause after 15 s would end after the limit: one last poll is made at the limit.
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(20)], _handler.SentAt);
        Assert.Equal(4, timeout.Polls);
        Assert.Equal(4, _server.LogEntries.Count());
        Assert.Equal("processing", timeout.LastDetails?.Status);
        Assert.Equal("7b3e2e00-b330-4480-9d84-59ace713427f", timeout.LastDetails?.Response?.RequestId);
        Assert.Equal(timeout.CorrelationId.ToString(), Assert.Single(CorrelationIdsOnTheWire().Distinct()));
    }

    [Fact]
    public async Task WaitForCompletionAsync_CancelledDuringAPause_EndsWithoutAnotherPoll()
    {
        AnswerInTurn(Processing());
        using var cancellation = new CancellationTokenSource();

        var wait = _client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, Options(), cancellationToken: cancellation.Token);
        await _time.NextTimerAsync();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.Zero, _time.Elapsed);
        Assert.Single(_server.LogEntries);
    }

    public void Dispose()
    {
        _client.Dispose();
        _handler.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    private static IResponseBuilder Processing() =>
        Json($$$"""{"batchTrackingId":"{{{DocumentedIds.BatchTrackingId}}}","status":"processing","devicesStatus":[],"attributes":{"objectType":"BatchUploadDetails"}}""");

    private static IResponseBuilder Json(string body) =>
        Response.Create().WithStatusCode(HttpStatusCode.OK).WithHeader("Content-Type", "application/json").WithBody(body);

    private BatchWaitOptions Options() => new() { TimeProvider = _time };

    /// <summary>Answers the status path with each response in turn; the last one repeats.</summary>
    private void AnswerInTurn(params IResponseBuilder[] responses)
    {
        if (responses.Length == 1)
        {
            _server.Given(Request.Create().WithPath(StatusPath).UsingGet()).RespondWith(responses[0]);
            return;
        }

        for (var turn = 0; turn < responses.Length; turn++)
        {
            var mapping = _server.Given(Request.Create().WithPath(StatusPath).UsingGet()).InScenario("batch");
            if (turn > 0)
            {
                mapping = mapping.WhenStateIs(turn.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            // The last state sets itself again: a mapping without a next state would reset the scenario.
            var next = Math.Min(turn + 1, responses.Length - 1);
            mapping.WillSetStateTo(next.ToString(System.Globalization.CultureInfo.InvariantCulture)).RespondWith(responses[turn]);
        }
    }

    private List<string> CorrelationIdsOnTheWire() =>
        _server.LogEntries
            .Select(entry => entry.RequestMessage?.Headers?
                .Where(header => string.Equals(header.Key, PartnerCenterHeaderNames.CorrelationId, StringComparison.OrdinalIgnoreCase))
                .SelectMany(header => header.Value)
                .SingleOrDefault() ?? "(none)")
            .ToList();

    /// <summary>
    /// Stands in for the pipeline's headers handler: sends the current correlation scope's id as
    /// <c>MS-CorrelationId</c>, and records when (by the fake clock) each request was sent.
    /// </summary>
    private sealed class CorrelationHeaderHandler(SteppingTimeProvider time) : DelegatingHandler(new HttpClientHandler())
    {
        private readonly List<TimeSpan> _sentAt = [];

        public IReadOnlyList<TimeSpan> SentAt => _sentAt;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            _sentAt.Add(time.Elapsed);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
