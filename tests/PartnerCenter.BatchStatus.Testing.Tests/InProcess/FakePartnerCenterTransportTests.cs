namespace PartnerCenter.BatchStatus.Testing.Tests.InProcess;

/// <summary>The in-process fake: the client's whole pipeline over a handler, with no socket and no WireMock.</summary>
public sealed class FakePartnerCenterTransportTests
{
    private static readonly Guid CustomerId = Guid.Parse("5a0c1e36-4b5f-4d6a-8e7f-9a0b1c2d3e4f");
    private static readonly Guid BatchId = Guid.Parse("b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e");

    [Fact]
    public async Task DocumentedSample_ThroughTheClient_EveryFieldAndTheServiceHeaders()
    {
        var transport = new FakePartnerCenterTransport();
        transport.AddDocumentedSample();
        using var client = CreateClient(transport);

        var details = await client.GetBatchJobStatusAsync(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId);

        Assert.Equal(DocumentedSample.BatchTrackingId.ToString("D"), details.BatchTrackingId);
        Assert.Equal("finished", details.Status);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 10, 0, 0, TimeSpan.Zero), details.StartedTime);
        var device = Assert.Single(details.DevicesStatus!);
        Assert.Equal("808", device.ErrorCode);
        Assert.Equal(FakePartnerCenterTransport.ServerId, details.Response!.GetHeader(PartnerCenterHeaderNames.ServerId));
        Assert.NotNull(details.Response.RequestId);
        Assert.NotNull(details.Response.GetHeader(PartnerCenterHeaderNames.CorrelationVector));
    }

    [Fact]
    public async Task DeclaredAnswers_OnePerCall_TheLastRepeats()
    {
        var transport = new FakePartnerCenterTransport();
        var batch = transport.AddBatch(CustomerId, BatchId)
            .ThenQueued(FakeDevice.Queued("SN-1"))
            .ThenFinishedWithErrors(FakeDevice.Failed("SN-1", "808", "ZtdDeviceAssignedToOtherTenant"));
        using var client = CreateClient(transport);

        var first = await client.GetBatchJobStatusAsync(CustomerId, BatchId);
        var second = await client.GetBatchJobStatusAsync(CustomerId, BatchId);
        var third = await client.GetBatchJobStatusAsync(CustomerId, BatchId);

        Assert.Equal("queued", first.Status);
        Assert.Null(first.CompletedTime);
        Assert.Equal("finished_with_errors", second.Status);
        Assert.NotNull(second.CompletedTime);
        Assert.Equal("finished_with_errors", third.Status);
        Assert.Equal(3, batch.Calls);
        Assert.Equal(3, transport.RequestCount);
    }

    [Fact]
    public async Task UnknownBatch_404WithAPartnerCenterErrorBody_AsTheClientsException()
    {
        var transport = new FakePartnerCenterTransport();
        using var client = CreateClient(transport);

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(CustomerId, BatchId));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("NotFound", error.ErrorCode);
        Assert.Contains(BatchId.ToString("D"), error.ErrorDescription, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttle_RetryAfterHonouredByTheClientsRetries_ThenTheNextAnswer()
    {
        var transport = new FakePartnerCenterTransport();
        transport.AddBatch(CustomerId, BatchId).ThenThrottle(TimeSpan.FromSeconds(1)).ThenFinished(FakeDevice.Finished("SN-1"));
        using var client = CreateClient(transport);

        var details = await client.GetBatchJobStatusAsync(CustomerId, BatchId);

        Assert.Equal("finished", details.Status);
        Assert.Equal(2, transport.RequestCount);
    }

    [Fact]
    public async Task Failure_ErrorCodeAndDescription_AsDeclared()
    {
        var transport = new FakePartnerCenterTransport();
        transport.AddBatch(CustomerId, BatchId).ThenFail(401, "900421", "MFA required.");
        using var client = CreateClient(transport);

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(CustomerId, BatchId));

        Assert.True(error.IsMfaRequired);
        Assert.Equal("MFA required.", error.ErrorDescription);
    }

    [Fact]
    public void AddBatch_Twice_Refused()
    {
        var transport = new FakePartnerCenterTransport();
        transport.AddBatch(CustomerId, BatchId);

        Assert.Throws<InvalidOperationException>(() => transport.AddBatch(CustomerId, BatchId));
        Assert.Throws<ArgumentException>(() => transport.AddBatch(Guid.Empty, BatchId));
    }

    [Fact]
    public void Kit_InProcessFake_UsesNoWireMockType()
    {
        // The tool compiles these files in; they must never need WireMock.
        foreach (var type in new[] { typeof(FakePartnerCenterTransport), typeof(FakeTransportBatch), typeof(FakeDevice), typeof(DocumentedSample) })
        {
            var members = type.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static);
            Assert.DoesNotContain(members, member => member.ToString()!.Contains("WireMock", StringComparison.Ordinal));
        }
    }

    private static BatchStatusClient CreateClient(FakePartnerCenterTransport transport)
    {
        var options = new BatchStatusClientOptions { Transport = transport, MaxRequestsPerSecond = 0 };
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(10);
        return new BatchStatusClient(new FakeTokenCredential(), options);
    }
}
