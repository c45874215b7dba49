using System.Net;
using System.Net.Sockets;
using PartnerCenter.BatchStatus;
using PartnerCenter.BatchStatus.Redis;
using PartnerCenter.BatchStatus.Testing;

namespace PackageConsumer;

public sealed class SharedBudgetConsumerTests
{
    [Fact]
    public async Task GetBatchJobStatusAsync_RedisBudgetWithNoRedisAnswering_CallsOnTheInProcessBudget()
    {
        // A loopback port nothing listens on: the budget cannot reach Redis and decides in the process.
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        using var budget = RedisRequestBudget.Connect($"127.0.0.1:{port}", new RedisRequestBudgetOptions { PartnerTenant = "contoso.onmicrosoft.com" });
        using var service = new FakePartnerCenterTransport();
        service.AddDocumentedSample();
        var client = service.CreateClient(options => options.RequestBudget = budget);

        var details = await client.GetBatchJobStatusAsync(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId);

        Assert.Equal(200, details.Response?.StatusCode);
        Assert.Single(service.Requests);
        Assert.False(budget.IsShared);
    }
}
