using System.Text.Json;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Status;

/// <summary><c>--json</c> keeps the service's values exactly, yet escaped: no control or bidirectional character reaches a terminal raw.</summary>
public sealed class JsonHostileTextTests : IDisposable
{
    private static readonly Guid Batch = Guid.Parse("0a1b2c3d-0000-4000-8000-00000000750e");
    private readonly FakeServiceFactory _service = new();

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Json_HostileValues_EscapedNotRaw_AndReadBackExactly()
    {
        const string Code = "7\u001b[2J\u001b]0;TITLE\u0007";
        const string Description = "invoice\u202Egnp.exe\u202C \u2066x\u2069";
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenFinished(FakeDevice.Failed("SN-1", Code, Description));

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString(), "--json");

        Assert.Equal(ExitCodes.DevicesFailed, run.ExitCode);
        Assert.DoesNotContain(run.Output, c => char.IsControl(c) && c is not '\n' and not '\r' || c is '\u202e' or '\u202c' or '\u2066' or '\u2069');
        using var json = JsonDocument.Parse(run.Output);
        var device = json.RootElement.GetProperty("details").GetProperty("devicesStatus")[0];
        Assert.Equal(Code, device.GetProperty("errorCode").GetString());
        Assert.Equal(Description, device.GetProperty("errorDescription").GetString());
    }
}
