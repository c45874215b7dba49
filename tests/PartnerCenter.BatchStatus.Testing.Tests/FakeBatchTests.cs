using System.Text.Json;

namespace PartnerCenter.BatchStatus.Testing.Tests;

public sealed class FakeBatchTests : IAsyncLifetime
{
    private readonly FakePartnerCenter _fake = FakePartnerCenter.Start();
    private readonly Guid _customerId = Guid.NewGuid();
    private readonly Guid _batchTrackingId = Guid.NewGuid();
    private BatchStatusClient _client = null!;

    public Task InitializeAsync()
    {
        // Each poll must see the answer the batch declared, so the client does not retry it away.
        _client = _fake.CreateClient(options => options.Retry.MaxRetries = 0);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task ThreePolls_QueuedProcessingFinishedWithErrors_SeeEachStateAndCountThreeCalls()
    {
        var batch = _fake.AddBatch(_customerId, _batchTrackingId)
            .ThenQueued()
            .ThenProcessing()
            .ThenFinishedWithErrors(FakeDevice.Finished("SN-1"), FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant"));

        var seen = new List<DeviceUploadStatus?>();
        for (var poll = 0; poll < 3; poll++)
        {
            seen.Add((await Poll()).Status);
        }

        Assert.Equal([DeviceUploadStatus.Queued, DeviceUploadStatus.Processing, DeviceUploadStatus.FinishedWithErrors], seen);
        Assert.Equal(3, _fake.CallsFor(_customerId, _batchTrackingId));
        Assert.Equal(3, batch.Calls);
    }

    [Fact]
    public async Task Poll_AfterTheLastAnswer_RepeatsTheLastAnswer()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenProcessing().ThenFinished();

        var statuses = new List<DeviceUploadStatus?>();
        for (var poll = 0; poll < 4; poll++)
        {
            statuses.Add((await Poll()).Status);
        }

        Assert.Equal([DeviceUploadStatus.Processing, DeviceUploadStatus.Finished, DeviceUploadStatus.Finished, DeviceUploadStatus.Finished], statuses);
    }

    [Fact]
    public async Task Poll_SingleAnswer_RepeatsIt()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenQueued();

        Assert.Equal("queued", (await Poll()).Status);
        Assert.Equal("queued", (await Poll()).Status);
    }

    [Fact]
    public async Task Poll_BatchWithoutAnswers_AnswersAsAnUnknownBatch()
    {
        _fake.AddBatch(_customerId, _batchTrackingId);

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(Poll);

        Assert.Equal(404, error.StatusCode);
        Assert.Equal(FakePartnerCenter.UnknownBatchErrorCode, error.ErrorCode);
    }

    [Fact]
    public async Task Poll_TwoBatches_EachMovesOnlyWithItsOwnPolls()
    {
        var other = _fake.AddBatch(_customerId, Guid.NewGuid()).ThenQueued().ThenFinished();
        _fake.AddBatch(_customerId, _batchTrackingId).ThenQueued().ThenFinished();

        await Poll();
        await Poll();
        var first = await _client.GetBatchJobStatusAsync(other.CustomerId, other.BatchTrackingId);

        Assert.Equal("queued", first.Status);
        Assert.Equal(1, other.Calls);
        Assert.Equal(2, _fake.CallsFor(_customerId, _batchTrackingId));
    }

    [Fact]
    public async Task ThenFinished_Devices_AreSentWithTheirStatusesAndErrors()
    {
        var deviceId = Guid.NewGuid();
        var batch = _fake.AddBatch(_customerId, _batchTrackingId).ThenFinished(
            FakeDevice.Finished("SN-1", productKey: "PK-1"),
            FakeDevice.Failed("SN-2", "806", "ZtdDeviceAlreadyAssigned"),
            new FakeDevice("SN-3") { DeviceId = deviceId, Status = "quarantined", ErrorCode = "999" });

        var details = await Poll();

        Assert.Equal(_batchTrackingId.ToString(), details.BatchTrackingId);
        Assert.Equal("finished", details.Status);
        Assert.Equal(batch.StartedTime, details.StartedTime);
        Assert.NotNull(details.CompletedTime);
        Assert.True(details.CompletedTime >= details.StartedTime);
        Assert.Equal("BatchUploadDetails", details.Attributes!.ObjectType);
        Assert.Collection(
            details.DevicesStatus!,
            d => Assert.Equal(("SN-1", "PK-1", "finished", (string?)null, (string?)null, (string?)null), (d.SerialNumber, d.ProductKey, d.Status, d.ErrorCode, d.ErrorDescription, d.DeviceId)),
            d => Assert.Equal(("SN-2", (string?)null, "finished_with_errors", "806", "ZtdDeviceAlreadyAssigned", (string?)null), (d.SerialNumber, d.ProductKey, d.Status, d.ErrorCode, d.ErrorDescription, d.DeviceId)),
            d => Assert.Equal(("SN-3", "quarantined", "999", deviceId.ToString()), (d.SerialNumber, d.Status, d.ErrorCode, d.DeviceId)));
    }

    [Fact]
    public async Task ThenQueuedThenFinished_CompletedTime_OnlyOnceFinishedAndThenStable()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenQueued(FakeDevice.Queued("SN-1")).ThenProcessing(FakeDevice.Processing("SN-1")).ThenFinished(FakeDevice.Finished("SN-1"));

        var queued = await Poll();
        var processing = await Poll();
        var finished = await Poll();
        var again = await Poll();

        Assert.Null(queued.CompletedTime);
        Assert.Equal("queued", Assert.Single(queued.DevicesStatus!).Status);
        Assert.Null(processing.CompletedTime);
        Assert.Equal("processing", Assert.Single(processing.DevicesStatus!).Status);
        Assert.NotNull(finished.CompletedTime);
        Assert.Equal(finished.CompletedTime, again.CompletedTime);
        Assert.Equal(queued.StartedTime, finished.StartedTime);
        Assert.Equal(TimeSpan.Zero, finished.CompletedTime!.Value.Offset);
    }

    [Fact]
    public async Task ThenStatus_ValueTheContractDoesNotList_ReadsAsUnknownKeepingTheRawValue()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenStatus("cancelled");

        var details = await Poll();

        Assert.Equal("cancelled", details.Status);
        Assert.False(details.IsCompleted());
        Assert.Null(details.CompletedTime);
        Assert.Empty(details.DevicesStatus!);
    }

    [Fact]
    public async Task ThenRespond_Model_IsReadBackEqual()
    {
        var sent = BatchStatusModelFactory.BatchUploadDetails(
            batchTrackingId: _batchTrackingId.ToString(),
            startedTime: new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            devicesStatus: [BatchStatusModelFactory.DeviceUploadDetails("SN-1", rawStatus: "paused")],
            rawStatus: "on_hold");
        _fake.AddBatch(_customerId, _batchTrackingId).ThenRespond(sent);

        var details = await Poll();

        Assert.Equal("on_hold", details.Status);
        Assert.Equal(sent.StartedTime, details.StartedTime);
        Assert.Equal("paused", Assert.Single(details.DevicesStatus!).Status);
        Assert.Equal(JsonSerializer.Serialize(sent, Serialization.BatchStatusJson.Options), JsonSerializer.Serialize(details, Serialization.BatchStatusJson.Options));
    }

    [Fact]
    public async Task ThenRespond_RawBody_IsSentAsItIs()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenRespond(200, """{"status":"queued","futureField":1}""");

        var details = await Poll();

        Assert.Equal("queued", details.Status);
        Assert.True(details.AdditionalProperties.ContainsKey("futureField"));
    }

    [Fact]
    public async Task ThenThrottle_ThenFinished_FirstPollThrottledWithRetryAfterThenFinished()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenThrottle(TimeSpan.FromSeconds(6.2)).ThenFinished();

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(Poll);
        var details = await Poll();

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
        Assert.Equal("429", error.ErrorCode);
        Assert.NotNull(error.RequestId);
        Assert.Equal("finished", details.Status);
    }

    [Fact]
    public async Task ThenFail_ServiceUnavailable_HasDefaultCodeAndDescription()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenFail(503);

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(Poll);

        Assert.Equal(503, error.StatusCode);
        Assert.Equal("503", error.ErrorCode);
        Assert.Equal("Service Unavailable.", error.ErrorDescription);
        Assert.Contains("\"source\":\"PartnerFD\"", error.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThenFail_MfaRejection_IsRecognisedByTheClient()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenFail(401, PartnerCenterApiException.MfaRequiredErrorCode, "Multi-factor authentication is required.");

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(Poll);

        Assert.True(error.IsMfaRequired);
        Assert.Equal("Multi-factor authentication is required.", error.ErrorDescription);
    }

    [Fact]
    public async Task ThenHtml_GatewayPage_HasNoPartnerCenterBodyOrHeaders()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenHtml(502);

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(Poll);

        Assert.Equal(502, error.StatusCode);
        Assert.Null(error.ErrorCode);
        Assert.StartsWith("<!DOCTYPE html>", error.ResponseBody, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", error.ResponseBody, StringComparison.Ordinal);
        Assert.DoesNotContain(error.Headers.Keys, name => name.Equals(PartnerCenterHeaderNames.CorrelationVector, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ThenMalformedBody_SuccessWithTruncatedJson_ThrowsWithTheBodyText()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenMalformedBody();

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(Poll);

        Assert.Equal(200, error.StatusCode);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.StartsWith("{\"batchTrackingId\":", error.ResponseBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithDelay_AnswerSlowerThanTheCaller_CallerCancels()
    {
        _fake.AddBatch(_customerId, _batchTrackingId).ThenProcessing().WithDelay(TimeSpan.FromMinutes(5));
        var fast = _fake.AddBatch(_customerId, Guid.NewGuid()).ThenQueued();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _client.GetBatchJobStatusAsync(_customerId, _batchTrackingId, cancellation.Token));
        var other = await _client.GetBatchJobStatusAsync(fast.CustomerId, fast.BatchTrackingId);

        Assert.Equal("queued", other.Status);
    }

    [Fact]
    public void WithDelay_BeforeAnyAnswer_Throws()
    {
        var batch = _fake.AddBatch(_customerId, _batchTrackingId);

        Assert.Throws<InvalidOperationException>(() => batch.WithDelay(TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ThenQueued().WithDelay(TimeSpan.Zero));
    }

    [Fact]
    public void Then_InvalidArguments_Throw()
    {
        var batch = _fake.AddBatch(_customerId, _batchTrackingId);

        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ThenFail(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ThenFail(600));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ThenHtml(99));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ThenThrottle(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentException>(() => batch.ThenStatus(""));
        Assert.Throws<ArgumentException>(() => batch.ThenFinished(null!, FakeDevice.Finished("SN-1")));
        Assert.Throws<ArgumentException>(() => FakeDevice.Failed("SN-1", ""));
        Assert.Throws<ArgumentException>(() => new FakeDevice(""));
    }

    private Task<BatchUploadDetails> Poll() => _client.GetBatchJobStatusAsync(_customerId, _batchTrackingId);
}
