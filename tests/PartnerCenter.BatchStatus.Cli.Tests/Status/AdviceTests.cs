using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Status;

/// <summary>The advice after a result or an error follows what actually happened.</summary>
public sealed class AdviceTests : IDisposable
{
    private static readonly Guid Batch = Guid.Parse("4c3b2a19-0817-4f6e-9d5c-4b3a29180716");

    private readonly FakeServiceFactory _service = new(options => options.Retry.MaxRetries = 0);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task UnknownBatchStatus_NoAdviceToWait()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenStatus("cancelled", FakeDevice.Processing("SN-1"));

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString());

        Assert.Equal(ExitCodes.NotFinished, run.ExitCode);
        var status = Assert.Single(run.OutputLines, line => line.StartsWith("Status ", StringComparison.Ordinal));
        Assert.Contains("cancelled (a status pcbatch does not know: check the batch in Partner Center", status, StringComparison.Ordinal);
        Assert.DoesNotContain("--wait", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_LongRetryAfter_TheWaitSpelledOut()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenThrottle(TimeSpan.FromHours(1));

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString());

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("Partner Center asks to wait 1 h 0 min before the next call (Retry-After)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("Wait a little", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreadableBody_NoDoublePeriodBeforeTheRequestId()
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenRespond(200, "{\"status\": ");

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString());

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("Request id: ", line, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[^.]\.\.[^.]", line);
    }
}
