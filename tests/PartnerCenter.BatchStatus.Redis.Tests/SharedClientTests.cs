using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Redis.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Redis.Tests;

/// <summary>Two clients, as in two processes, each with its own budget and connection to one Redis.</summary>
[Collection(RedisServerCollection.Name)]
public sealed class SharedClientTests(RedisServerFixture server)
{
    [Fact]
    public async Task A_429_answered_to_one_client_refuses_the_other_client_unsent()
    {
        // The fake's clock stands still: its throttle of one request per second answers the second request 429.
        var clock = new FakeTimeProvider();
        using var service = new FakePartnerCenterTransport(clock).Throttle(1, TimeSpan.FromSeconds(30));
        service.AddDocumentedSample();
        var prefix = RedisServerFixture.UniquePrefix();
        using var redisA = server.Connect();
        using var redisB = server.Connect();
        using var budgetA = Budgets.On(redisA, Budgets.Options(prefix, 100, clock));
        using var budgetB = Budgets.On(redisB, Budgets.Options(prefix, 100, clock));
        var clientA = service.CreateClient(options =>
        {
            options.RequestBudget = budgetA;
            options.Retry.MaxRetries = 0;
        });
        var clientB = service.CreateClient(options =>
        {
            options.RequestBudget = budgetB;
            options.Timeout = TimeSpan.FromSeconds(10);
        });

        await clientA.GetBatchJobStatusAsync(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId);
        var throttled = await Assert.ThrowsAsync<PartnerCenterApiException>(() => clientA.GetBatchJobStatusAsync(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId));
        var sent = service.Requests.Count;
        var refused = await Assert.ThrowsAsync<PartnerCenterApiException>(
            () => clientB.GetBatchJobStatusAsync(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId).WaitAsync(Budgets.HangGuard));

        Assert.Equal(429, throttled.StatusCode);
        Assert.Equal(1, service.ThrottledCount);
        Assert.Equal(429, refused.StatusCode);
        Assert.Equal(sent, service.Requests.Count);
        Assert.True(budgetB.IsShared);
    }
}
