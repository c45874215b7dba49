using System.Globalization;
using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Help;

/// <summary>
/// The help of each command ends with the exit codes and never offers a secret option; an argument that may be left
/// out is shown so, and --json is the envelope.
/// </summary>
public class HelpTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("status", "--help")]
    [InlineData("status", "-h")]
    public async Task Help_AnyCommand_ListsEveryExitCode(params string[] args)
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), null, args);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains("Exit codes:", run.OutputLines);
        Assert.All(ExitCodes.Table, entry => Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"  {entry.Code,3}  {entry.Meaning}"), run.OutputLines));
        Assert.DoesNotContain("--client-secret", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("--certificate-password", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Status_ShowsTheSignInAndWaitOptions()
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), null, "status", "--help");

        foreach (var option in new[] { "--location", "--json", "--wait", "--interval", "--timeout", "--endpoint", "--tenant", "--client-id", "--certificate", "--device-code", "--default-credential", "--sign-in-timeout", "--demo", "--failed-csv", "--reupload-from", "--reupload-csv" })
        {
            Assert.Contains(run.OutputLines, line => line.TrimStart().StartsWith(option + " ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData]
    [InlineData("help")]
    [InlineData("--help")]
    public async Task Help_NoArgumentHelpOrHelpOption_TheRootHelp_Exit0(params string[] args)
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), null, args);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Empty(run.Error);
        Assert.Contains(run.OutputLines, line => line.TrimStart().StartsWith("status <customer-id> <batch-tracking-id>", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line == "Exit codes:");
    }

    [Fact]
    public async Task Help_HelpStatus_TheStatusHelp()
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), null, "help", "status");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(run.OutputLines, line => line.TrimStart().StartsWith("--sign-in-timeout ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_Status_NamesTheEnvironmentVariableOfEachSetting_TheSecretIncluded()
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), null, "status", "--help");

        Assert.Contains(run.OutputLines, line => line.TrimStart().StartsWith("AZURE_CLIENT_SECRET ", StringComparison.Ordinal) && line.Contains("read only from here, never from an option", StringComparison.Ordinal));
        foreach (var variable in new[] { "AZURE_TENANT_ID", "AZURE_CLIENT_ID", "AZURE_CLIENT_CERTIFICATE_PATH", "AZURE_CLIENT_CERTIFICATE_PASSWORD", "AZURE_AUTHORITY_HOST" })
        {
            Assert.Contains(run.OutputLines, line => line.TrimStart().StartsWith(variable + " ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void ExitCodes_Table_EveryCodeOnceAndStable()
    {
        Assert.Equal([0, 1, 2, 3, 4, 5, 64, 70, 130, 143], ExitCodes.Table.Select(entry => entry.Code));
        Assert.Equal(
            [ExitCodes.Success, ExitCodes.DevicesFailed, ExitCodes.ServiceError, ExitCodes.Timeout, ExitCodes.NotFinished, ExitCodes.SignInFailed, ExitCodes.Usage, ExitCodes.InternalError, ExitCodes.Cancelled, ExitCodes.Terminated],
            ExitCodes.Table.Select(entry => entry.Code));
    }

    [Fact]
    public async Task WatchHelp_TheFileShownAsOptional_DescriptionsStillAligned()
    {
        var run = await CliRun.RunAsync(null, null, "watch", "--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains(run.OutputLines, line => line.EndsWith(" watch [<file>] [options]", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.StartsWith("  [<file>]  The list of batches, one a line", StringComparison.Ordinal));
        Assert.DoesNotContain(run.OutputLines, line => line.StartsWith("  <file>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StatusHelp_OptionalIdsShownAsOptional_JsonIsTheEnvelope()
    {
        var run = await CliRun.RunAsync(null, null, "status", "--help");

        var customer = Assert.Single(run.OutputLines, line => line.StartsWith("  [<customer-id>]", StringComparison.Ordinal));
        var batch = Assert.Single(run.OutputLines, line => line.StartsWith("  [<batch-tracking-id>]", StringComparison.Ordinal));
        Assert.Equal(customer.IndexOf("The customer's", StringComparison.Ordinal), batch.IndexOf("The batch tracking id", StringComparison.Ordinal));
        var json = Assert.Single(run.OutputLines, line => line.TrimStart().StartsWith("--json", StringComparison.Ordinal));
        Assert.Contains("the ids asked for, the request and correlation ids", json, StringComparison.Ordinal);
        Assert.DoesNotContain("as the service sent them", run.Output, StringComparison.Ordinal);
    }
}
