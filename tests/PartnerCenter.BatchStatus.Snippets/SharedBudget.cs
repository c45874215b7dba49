using Azure.Identity;
using PartnerCenter.BatchStatus;
using PartnerCenter.BatchStatus.Redis;

namespace Contoso.Onboarding;

public sealed class SharedBudgetTests
{
    [Xunit.Fact]
    public async Task SharedBudget_WithNoRedisAnswering_DecidesInTheProcess()
    {
        // A loopback port nothing listens on: the budget falls back to the in-process one, as it would in an outage.
        string redisConfiguration;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            redisConfiguration = $"127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}";
        }

        #region Snippet:SharedBudget
        // One budget per process, for every client of the process; every process of the partner has the same settings.
        using var budget = RedisRequestBudget.Connect(redisConfiguration, new RedisRequestBudgetOptions
        {
            PartnerTenant = "contoso.onmicrosoft.com",
            RequestsPerSecond = 10, // every process together
        });
        var client = new BatchStatusClient(new DefaultAzureCredential(), new BatchStatusClientOptions { RequestBudget = budget });
        #endregion

        var turn = await budget.WaitAsync(Guid.NewGuid(), TimeSpan.FromSeconds(10), CancellationToken.None);
        Xunit.Assert.Null(turn.RefusedFor);
        Xunit.Assert.False(budget.IsShared);
        Xunit.Assert.NotNull(client);
    }
}
