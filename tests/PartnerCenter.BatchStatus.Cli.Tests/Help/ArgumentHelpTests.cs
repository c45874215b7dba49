using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Help;

/// <summary>The help says what the tool does: an argument that may be left out is shown so, and --json is the envelope.</summary>
public sealed class ArgumentHelpTests
{
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
