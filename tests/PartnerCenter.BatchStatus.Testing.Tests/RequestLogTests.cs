namespace PartnerCenter.BatchStatus.Testing.Tests;

public sealed class RequestLogTests
{
    [Fact]
    public async Task Requests_AfterTwoCalls_RecordMethodExactPathIdsHeadersAndStatus()
    {
        await using var fake = FakePartnerCenter.Start();
        var batch = fake.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenThrottle(TimeSpan.FromSeconds(1)).ThenQueued();
        var client = fake.CreateClient(options => options.Retry.MaxRetries = 0);

        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId));
        await client.GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId);

        Assert.Collection(
            fake.Requests,
            first => Assert.Equal(429, first.StatusCode),
            second => Assert.Equal(200, second.StatusCode));
        Assert.All(fake.Requests, request =>
        {
            Assert.Equal("GET", request.Method);
            Assert.Equal($"/v1/customers/{batch.CustomerId:D}/batchJobStatus/{batch.BatchTrackingId:D}", request.Path);
            Assert.Equal(batch.CustomerId, request.CustomerId);
            Assert.Equal(batch.BatchTrackingId, request.BatchTrackingId);
            Assert.Equal("application/json", request.GetHeader("accept"));
            Assert.Equal("application/json", Assert.Single(request.Headers["ACCEPT"]));
            Assert.Null(request.GetHeader("X-Not-Sent"));
        });
    }

    [Fact]
    public async Task CreateClient_Default_RetriesAThrottledPollAfterRetryAfterAndRecordsBothRequests()
    {
        await using var fake = FakePartnerCenter.Start();
        var batch = fake.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenThrottle(TimeSpan.FromSeconds(1)).ThenQueued();
        var client = fake.CreateClient();

        var details = await client.GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId);

        Assert.Equal("queued", details.Status);
        Assert.Equal([429, 200], fake.Requests.Select(r => r.StatusCode));
        Assert.Equal(2, batch.Calls);

        // One logical call: the retry repeats the request id, and the fake credential's token was sent both times.
        Assert.Single(fake.Requests.Select(r => r.GetHeader(PartnerCenterHeaderNames.RequestId)).Distinct());
        Assert.All(fake.Requests, r => Assert.Equal("Bearer " + fake.Credential.Token, r.GetHeader("Authorization")));
    }

    [Fact]
    public async Task CallsFor_NoRequests_IsZero()
    {
        await using var fake = FakePartnerCenter.Start();
        var batch = fake.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenQueued();

        Assert.Equal(0, batch.Calls);
        Assert.Equal(0, fake.CallsFor(Guid.NewGuid(), Guid.NewGuid()));
        Assert.Empty(fake.Requests);
    }
}
