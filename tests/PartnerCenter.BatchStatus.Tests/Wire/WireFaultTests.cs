using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Tests.Support;
using static PartnerCenter.BatchStatus.Tests.Support.RawSocketServer;

namespace PartnerCenter.BatchStatus.Tests.Wire;

/// <summary>Faults on the wire, over a real socket: every attempt sends the request and reads the body inside the retries and timeouts.</summary>
public sealed class WireFaultTests
{
    /// <summary>Only guards against a hung test; no assertion depends on real time.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private static readonly string Sample = RepositoryFiles.ReadDocumentedSample();
    private readonly TestTokenCredential _credential = new();

    [Fact]
    public async Task GetBatchJobStatusAsync_BodyBreaksOffEveryTime_RetriesThenThrowsWithStatusAndWhatWasRead()
    {
        await using var server = new RawSocketServer(_ => Answer.BreakOff(200, Sample, Sample.Length / 2));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 2));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(200, exception.StatusCode);
        Assert.Equal(Sample[..(Sample.Length / 2)], exception.ResponseBody);
        Assert.Contains("could not be read", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(exception.InnerException);
        Assert.Equal(RequestIdOf(server.Requests[0]), exception.RequestId);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_BodyBreaksOffOnce_IsRetriedWithTheSameRequestIdAndSucceeds()
    {
        await using var server = new RawSocketServer(attempt => attempt == 0 ? Answer.BreakOff(200, Sample, 40) : Answer.Complete(200, Sample));
        using var client = new BatchStatusClient(_credential, server.Options());

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("808", Assert.Single(details.DevicesStatus!).ErrorCode);
        Assert.Equal(2, server.Requests.Count);
        Assert.Single(server.Requests.Select(RequestIdOf).Distinct());
        Assert.Equal(RequestIdOf(server.Requests[0]), details.Response!.RequestId);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ConnectionDroppedAfterTheHeaders_IsRetriedThenTyped()
    {
        await using var server = new RawSocketServer(_ => Answer.BreakOff(200, Sample, 0));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 1));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(200, exception.StatusCode);
        Assert.Null(exception.ResponseBody);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ErrorBodyBreaksOff_KeepsTheStatusAndWhatWasRead()
    {
        const string Body = """{"code":"600","description":"Partner Center could not process the request in time, try again"}""";
        await using var server = new RawSocketServer(_ => Answer.BreakOff(404, Body, 20));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 0));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(404, exception.StatusCode);
        Assert.Equal(Body[..20], exception.ResponseBody);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    public async Task GetBatchJobStatusAsync_BodyStallsAfterTheHeaders_IsBoundedByTheAttemptTimeout(int status)
    {
        await using var server = new RawSocketServer(_ => Answer.Stall(status, Sample, 30));
        using var headers = new ResponseHeadersListener(server.Endpoint);
        var time = new FakeTimeProvider();
        var options = server.Options(maxRetries: 1);
        options.TimeProvider = time;
        options.Retry.AttemptTimeout = TimeSpan.FromSeconds(1);
        options.Retry.BaseDelay = options.Retry.MaxDelay = TimeSpan.Zero;
        using var client = new BatchStatusClient(_credential, options);

        var call = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            // The client has the headers and waits for the rest of the body: then the attempt's second passes.
            await headers.NextAsync();
            Assert.False(call.IsCompleted);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        var exception = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => call.WaitAsync(HangGuard));
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(2, headers.Received);
        Assert.Equal(TimeSpan.FromSeconds(1), exception.Timeout);
        Assert.Contains("AttemptTimeout", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_BodyStallsLongerThanTheCallsTimeout_ThrowsTheCallsTimeout()
    {
        await using var server = new RawSocketServer(_ => Answer.Stall(200, Sample, 30));
        var options = server.Options(maxRetries: 3);
        options.Timeout = TimeSpan.FromMilliseconds(400);
        using var client = new BatchStatusClient(_credential, options);

        var exception = await Assert.ThrowsAsync<PartnerCenterTimeoutException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(TimeSpan.FromMilliseconds(400), exception.Timeout);
        Assert.Contains("BatchStatusClientOptions.Timeout", exception.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CallerCancelsWhileTheBodyStalls_ThrowsOperationCanceled()
    {
        await using var server = new RawSocketServer(_ => Answer.Stall(200, Sample, 30));
        using var client = new BatchStatusClient(_credential, server.Options());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, cancellation.Token));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public async Task GetBatchJobStatusAsync_ServiceUnavailable_SendsMaxRetriesPlusOneRequestsOnTheWire(int maxRetries)
    {
        await using var server = new RawSocketServer(_ => Answer.Complete(503, """{"code":"503","description":"busy"}"""));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(503, exception.StatusCode);
        Assert.Equal(maxRetries + 1, server.Requests.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_RedirectLoopWithinTheEndpoint_IsOneRequestAndATypedException()
    {
        await using var server = new RawSocketServer(_ => Answer.Complete(302, string.Empty, $"Location: {Kit.DocumentedPath}\r\n"));
        using var client = new BatchStatusClient(_credential, server.Options());

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(302, exception.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_OddValuesInOneDevice_KeepsEveryDevice()
    {
        const string Body = """
            {"batchTrackingId":"0127ed8e-ff72-4983-a3d8-e8d8bd378932","status":"finished","startedTime":"2017-07-25T10:00:00",
             "devicesStatus":[
               {"serialNumber":"SN-1","status":"finished_with_errors","errorCode":808,"errorDescription":"ZtdDeviceAssignedToOtherTenant"},
               {"serialNumber":12345,"productKey":true,"status":"finished","errorCode":null,"attributes":"odd","deviceId":{"x":1}},
               "not a device",
               {"serialNumber":"SN-3","status":"a_status_added_later","errorCode":"806"}
             ]}
            """;
        await using var server = new RawSocketServer(_ => Answer.Complete(200, Body));
        using var client = new BatchStatusClient(_credential, server.Options());

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var devices = details.DevicesStatus!;
        Assert.Equal(["SN-1", "12345", "SN-3"], devices.Select(device => device.SerialNumber));
        Assert.Equal("808", devices[0].ErrorCode);
        Assert.Equal(("true", (string?)null, (ResourceAttributes?)null), (devices[1].ProductKey, devices[1].DeviceId, devices[1].Attributes));
        Assert.Equal("a_status_added_later", devices[2].Status);
    }

    private static string RequestIdOf(string head) =>
        head.Split("\r\n").Single(line => line.StartsWith("MS-RequestId:", StringComparison.OrdinalIgnoreCase))["MS-RequestId:".Length..].Trim();
}
