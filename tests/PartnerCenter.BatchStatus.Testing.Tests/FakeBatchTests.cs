using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Testing.Tests.Support;

namespace PartnerCenter.BatchStatus.Testing.Tests;

/// <summary>Each answer a batch can be told to give, on both hosts: in the process and over WireMock.</summary>
public sealed class FakeBatchTests
{
    private readonly Guid _customerId = Guid.NewGuid();
    private readonly Guid _batchTrackingId = Guid.NewGuid();

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task Polls_OneAnswerEach_TheLastRepeatsAndEachBatchMovesWithItsOwnPolls(string name)
    {
        using var host = new Host(name);
        var batch = host.Service.AddBatch(_customerId, _batchTrackingId)
            .ThenQueued()
            .ThenProcessing()
            .ThenFinishedWithErrors(FakeDevice.Finished("SN-1"), FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant"));
        var other = host.Service.AddBatch(_customerId, Guid.NewGuid()).ThenQueued();
        var single = host.Service.AddBatch(_customerId, Guid.NewGuid()).ThenQueued();
        var client = host.Client();

        var seen = new List<DeviceUploadStatus?>();
        for (var poll = 0; poll < 4; poll++)
        {
            seen.Add((await client.GetBatchJobStatusAsync(_customerId, _batchTrackingId)).Status);
        }

        var otherFirst = await client.GetBatchJobStatusAsync(other.CustomerId, other.BatchTrackingId);
        await client.GetBatchJobStatusAsync(single.CustomerId, single.BatchTrackingId);
        Assert.Equal(DeviceUploadStatus.Queued, (await client.GetBatchJobStatusAsync(single.CustomerId, single.BatchTrackingId)).Status);
        Assert.Equal([DeviceUploadStatus.Queued, DeviceUploadStatus.Processing, DeviceUploadStatus.FinishedWithErrors, DeviceUploadStatus.FinishedWithErrors], seen);
        Assert.Equal(DeviceUploadStatus.Queued, otherFirst.Status);
        Assert.Equal((4, 4, 1, 7), (batch.Calls, host.Service.CallsFor(_customerId, _batchTrackingId), other.Calls, host.Service.Requests.Count));
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task Poll_BatchWithoutAnswers_AnswersAsAnUnknownBatchThatSaysWhy(string name)
    {
        using var host = new Host(name);
        host.Service.AddBatch(_customerId, _batchTrackingId);

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => host.Client().GetBatchJobStatusAsync(_customerId, _batchTrackingId));

        Assert.Equal((404, FakePartnerCenterTransport.UnknownBatchErrorCode), (error.StatusCode, error.ErrorCode));
        Assert.Equal(
            $"The fake's batch {_batchTrackingId} of customer {_customerId} was added without an answer: declare one, such as ThenQueued().",
            error.ErrorDescription);
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task ThenFinished_Devices_AreSentWithTheirStatusesAndErrors(string name)
    {
        using var host = new Host(name);
        var deviceId = Guid.NewGuid();
        var batch = host.Service.AddBatch(_customerId, _batchTrackingId).ThenFinished(
            FakeDevice.Finished("SN-1", productKey: "PK-1"),
            FakeDevice.Failed("SN-2", "806", "ZtdDeviceAlreadyAssigned"),
            new FakeDevice("SN-3") { DeviceId = deviceId, Status = "quarantined", ErrorCode = "999" });

        var details = await host.Client().GetBatchJobStatusAsync(_customerId, _batchTrackingId);

        Assert.Equal((_batchTrackingId.ToString(), "finished", batch.StartedTime), (details.BatchTrackingId, details.Status, details.StartedTime));
        Assert.True(details.CompletedTime >= details.StartedTime);
        Assert.Equal("BatchUploadDetails", details.Attributes!.ObjectType);
        Assert.Collection(
            details.DevicesStatus!,
            d => Assert.Equal(("SN-1", "PK-1", DeviceUploadStatus.Finished, (string?)null, (string?)null, (string?)null), (d.SerialNumber, d.ProductKey, d.Status, d.ErrorCode, d.ErrorDescription, d.DeviceId)),
            d => Assert.Equal(("SN-2", (string?)null, DeviceUploadStatus.FinishedWithErrors, "806", "ZtdDeviceAlreadyAssigned", (string?)null), (d.SerialNumber, d.ProductKey, d.Status, d.ErrorCode, d.ErrorDescription, d.DeviceId)),
            d => Assert.Equal(("SN-3", "quarantined", "999", deviceId.ToString()), (d.SerialNumber, d.Status, d.ErrorCode, d.DeviceId)));
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task CompletedTime_OnlyOnceFinishedThenStable_AndAValueTheContractDoesNotListKeepsItsRawValue(string name)
    {
        using var host = new Host(name);
        host.Service.AddBatch(_customerId, _batchTrackingId).ThenQueued(FakeDevice.Queued("SN-1")).ThenProcessing(FakeDevice.Processing("SN-1")).ThenFinished(FakeDevice.Finished("SN-1"));
        var cancelled = host.Service.AddBatch(_customerId, Guid.NewGuid()).ThenStatus("cancelled");
        var client = host.Client();

        var polls = new List<BatchUploadDetails>();
        for (var poll = 0; poll < 4; poll++)
        {
            polls.Add(await client.GetBatchJobStatusAsync(_customerId, _batchTrackingId));
        }

        var unlisted = await client.GetBatchJobStatusAsync(cancelled.CustomerId, cancelled.BatchTrackingId);
        Assert.Equal([null, null], polls.Take(2).Select(p => p.CompletedTime));
        Assert.Equal(["queued", "processing", "finished"], polls.Take(3).Select(p => Assert.Single(p.DevicesStatus!).Status));
        Assert.NotNull(polls[2].CompletedTime);
        Assert.Equal(polls[2].CompletedTime, polls[3].CompletedTime);
        Assert.Equal(polls[0].StartedTime, polls[2].StartedTime);
        Assert.Equal(TimeSpan.Zero, polls[2].CompletedTime!.Value.Offset);
        Assert.Equal(("cancelled", (DateTimeOffset?)null), (unlisted.Status, unlisted.CompletedTime));
        Assert.Empty(unlisted.DevicesStatus!);
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task ThenRespond_AModelIsReadBackEqual_ARawBodyAndHeadersAreSentAsWritten(string name)
    {
        using var host = new Host(name);
        var sent = BatchStatusModelFactory.BatchUploadDetails(
            batchTrackingId: _batchTrackingId.ToString(),
            startedTime: new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            devicesStatus: [BatchStatusModelFactory.DeviceUploadDetails("SN-1", status: "paused")],
            status: "on_hold");
        host.Service.AddBatch(_customerId, _batchTrackingId)
            .ThenRespond(sent)
            .ThenRespond(200, """{"status":"queued","futureField":1}""", headers: new Dictionary<string, string> { ["MS-RequestId"] = "documented-request-id", ["MS-ServerId"] = "030020344" });
        var client = host.Client();

        var model = await client.GetBatchJobStatusAsync(_customerId, _batchTrackingId);
        var raw = await client.GetBatchJobStatusAsync(_customerId, _batchTrackingId);

        Assert.Equal(("on_hold", sent.StartedTime, "paused"), (model.Status, model.StartedTime, Assert.Single(model.DevicesStatus!).Status));
        Assert.Equal(JsonSerializer.Serialize(sent, Serialization.BatchStatusJson.BatchUploadDetails), JsonSerializer.Serialize(model, Serialization.BatchStatusJson.BatchUploadDetails));
        Assert.Equal(DeviceUploadStatus.Queued, raw.Status);
        Assert.True(raw.AdditionalProperties.ContainsKey("futureField"));
        Assert.Equal(("documented-request-id", "030020344"), (raw.Response!.RequestId, raw.Response.GetHeader("MS-ServerId")));
        Assert.NotNull(raw.Response.GetHeader("MS-CV"));
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task ThenThrottle_FirstPollThrottledWithRetryAfterRoundedUp_ThenTheNextAnswer(string name)
    {
        using var host = new Host(name);
        host.Service.AddBatch(_customerId, _batchTrackingId).ThenThrottle(TimeSpan.FromSeconds(6.2)).ThenFinished();
        var client = host.Client();

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(_customerId, _batchTrackingId));
        var details = await client.GetBatchJobStatusAsync(_customerId, _batchTrackingId);

        Assert.Equal((429, TimeSpan.FromSeconds(7), "429"), (error.StatusCode, error.RetryAfter, error.ErrorCode));
        Assert.NotNull(error.RequestId);
        Assert.Equal(DeviceUploadStatus.Finished, details.Status);
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task ThenFail_DefaultCodeAndDescription_OrTheDeclaredOnesSuchAsAnMfaRejection(string name)
    {
        using var host = new Host(name);
        host.Service.AddBatch(_customerId, _batchTrackingId).ThenFail(503).ThenFail(401, "900421", "Multi-factor authentication is required.");
        var client = host.Client();

        var unavailable = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(_customerId, _batchTrackingId));
        var mfa = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(_customerId, _batchTrackingId));

        Assert.Equal((503, "503", "Service Unavailable."), (unavailable.StatusCode, unavailable.ErrorCode, unavailable.ErrorDescription));
        Assert.Contains("\"source\":\"PartnerFD\"", unavailable.ResponseBody, StringComparison.Ordinal);
        Assert.True(mfa.IsMfaRequired);
        Assert.Equal("Multi-factor authentication is required.", mfa.ErrorDescription);
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task ThenHtmlAndThenMalformedBody_AGatewayPageWithoutPartnerCenterHeaders_AndJsonCutOffHalfway(string name)
    {
        using var host = new Host(name);
        host.Service.AddBatch(_customerId, _batchTrackingId).ThenHtml(502).ThenMalformedBody();
        var client = host.Client();

        var gateway = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(_customerId, _batchTrackingId));
        var malformed = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(_customerId, _batchTrackingId));

        Assert.Equal((502, (string?)null), (gateway.StatusCode, gateway.ErrorCode));
        Assert.StartsWith("<!DOCTYPE html>", gateway.ResponseBody, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", gateway.ResponseBody, StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.Headers.Keys, header => header.Equals("MS-CV", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(200, malformed.StatusCode);
        Assert.IsAssignableFrom<JsonException>(malformed.InnerException);
        Assert.StartsWith("{\"batchTrackingId\":", malformed.ResponseBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task WithDelay_TheAnswerComesWhenTheServicesClockReachesIt_AndAHangingOneUntilTheCallerCancels(string name)
    {
        var clock = new FakeTimeProvider();
        using var host = new Host(name, clock);
        host.Service.AddBatch(_customerId, _batchTrackingId).ThenProcessing().WithDelay(TimeSpan.FromSeconds(20)); // within the client's attempt timeout (30 s)
        var hanging = host.Service.AddBatch(_customerId, Guid.NewGuid()).ThenQueued().WithDelay(Timeout.InfiniteTimeSpan);
        var client = host.Client();
        using var cancellation = new CancellationTokenSource();

        var slow = client.GetBatchJobStatusAsync(_customerId, _batchTrackingId);
        var never = client.GetBatchJobStatusAsync(hanging.CustomerId, hanging.BatchTrackingId, cancellation.Token);
        while (host.Service.Requests.Count < 2)
        {
            await Task.Delay(10);
        }

        Assert.False(slow.IsCompleted);
        Assert.All(host.Service.Requests, request => Assert.Null(request.StatusCode));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(DeviceUploadStatus.Processing, (await slow).Status);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => never);
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task FinishesAfter_ProcessingUntilTheChosenTimeOnTheServicesClock_ThenFinishedFromThenOn(string name)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 13, 0, 0, TimeSpan.Zero));
        using var host = new Host(name, clock);
        var batch = host.Service.AddBatch(_customerId, _batchTrackingId).FinishesAfter(TimeSpan.FromMinutes(2), FakeDevice.Finished("SN-1", "PK-1"), FakeDevice.Failed("SN-2", "808"));
        var done = host.Service.AddBatch(_customerId, Guid.NewGuid()).FinishesAfter(TimeSpan.FromMinutes(1), FakeDevice.Finished("SN-3"));
        var client = host.Client();

        var early = await client.GetBatchJobStatusAsync(_customerId, _batchTrackingId);
        clock.Advance(TimeSpan.FromMinutes(2));
        var late = await client.GetBatchJobStatusAsync(_customerId, _batchTrackingId);
        var other = await client.GetBatchJobStatusAsync(done.CustomerId, done.BatchTrackingId);

        Assert.Equal((DeviceUploadStatus.Processing, (DateTimeOffset?)null), (early.Status, early.CompletedTime));
        Assert.Equal([("SN-1", "PK-1", "processing"), ("SN-2", null, "processing")], early.DevicesStatus!.Select(d => (d.SerialNumber, d.ProductKey, d.Status)));
        Assert.Equal(("finished_with_errors", clock.GetUtcNow(), batch.StartedTime), (late.Status, late.CompletedTime, late.StartedTime));
        Assert.Equal("808", late.DevicesStatus![1].ErrorCode);
        Assert.Equal(DeviceUploadStatus.Finished, other.Status);
    }

    [Fact]
    public void Declarations_InvalidArguments_Throw()
    {
        using var service = new FakePartnerCenterTransport();
        var batch = service.AddBatch(_customerId, _batchTrackingId);

        Assert.Throws<InvalidOperationException>(() => batch.WithDelay(TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ThenQueued().WithDelay(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ThenFail(200));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ThenFail(600));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ThenHtml(99));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.ThenThrottle(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.FinishesAfter(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentException>(() => batch.ThenStatus(""));
        Assert.Throws<ArgumentException>(() => batch.ThenFinished(null!, FakeDevice.Finished("SN-1")));
        Assert.Throws<ArgumentException>(() => FakeDevice.Failed("SN-1", ""));
        Assert.Throws<ArgumentException>(() => new FakeDevice(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => service.Throttle(0, TimeSpan.FromSeconds(1)));
    }
}
