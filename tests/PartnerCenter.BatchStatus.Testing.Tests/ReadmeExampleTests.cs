using System.Text.RegularExpressions;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Testing.Tests;

/// <summary>
/// The examples of the README's testing-kit section, compiled and run here; a test checks that the README shows
/// exactly the code between the <c>README example</c> markers.
/// </summary>
public sealed partial class ReadmeExampleTests
{
    private readonly Guid _customerId = Guid.NewGuid();
    private readonly Guid _batchTrackingId = Guid.NewGuid();

    [Fact]
    public async Task ReadmeExample_PollingThroughTheFake_FindsTheFailedDevice()
    {
        var customerId = _customerId;
        var batchTrackingId = _batchTrackingId;
        // README example begin
        await using var fake = FakePartnerCenter.Start();
        var batch = fake.AddBatch(customerId, batchTrackingId)
            .ThenQueued()
            .ThenProcessing()
            .ThenFinishedWithErrors(
                FakeDevice.Finished("SN-1"),
                FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant"));
        IBatchStatusClient client = fake.CreateClient();

        BatchUploadDetails details;
        do
        {
            details = await client.GetBatchJobStatusAsync(customerId, batchTrackingId);
        }
        while (details.Status == DeviceUploadStatus.Queued || details.Status == DeviceUploadStatus.Processing);

        var failed = Assert.Single(details.DevicesStatus!, d => d.Status == DeviceUploadStatus.FinishedWithErrors);
        Assert.Equal(("SN-2", "808"), (failed.SerialNumber, failed.ErrorCode));
        Assert.Equal(3, batch.Calls);
        Assert.All(fake.Requests, r => Assert.Equal($"/v1/customers/{customerId}/batchJobStatus/{batchTrackingId}", r.Path));
        // README example end
    }

    [Fact]
    public async Task ReadmeExample_MockedClient_AnswersWithFactoryModels()
    {
        // README example begin
        var details = BatchStatusModelFactory.BatchUploadDetails(
            status: DeviceUploadStatus.Finished,
            devicesStatus:
            [
                BatchStatusModelFactory.DeviceUploadDetails("SN-2", DeviceUploadStatus.FinishedWithErrors, errorCode: "808"),
                BatchStatusModelFactory.DeviceUploadDetails("SN-3", rawStatus: "quarantined"), // a status the contract does not list
            ]);
        IBatchStatusClient client = new OneAnswerClient(details);
        // README example end

        var answer = await client.GetBatchJobStatusAsync(_customerId, _batchTrackingId);
        Assert.Equal(["finished_with_errors", "quarantined"], answer.DevicesStatus!.Select(d => d.Status));
        Assert.Equal("quarantined", answer.DevicesStatus![1].Status);
    }

    [Fact]
    public void Readme_TestingKitSection_ShowsTheCompiledExamples()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "README.md"));
        var section = TestingKitSection().Match(readme);
        Assert.True(section.Success, "The README has no testing-kit section.");
        var shown = CodeBlock().Matches(section.Value).Select(m => m.Groups["code"].Value.TrimEnd()).ToList();

        var source = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "tests", "PartnerCenter.BatchStatus.Testing.Tests", "ReadmeExampleTests.cs"));
        var compiled = Example().Matches(source).Select(m => Dedent(m.Groups["code"].Value)).ToList();
        compiled.Add(Dedent(OneAnswerClientSource().Match(source).Groups["code"].Value));

        Assert.Equal(3, compiled.Count);
        Assert.Equal(compiled, shown);
    }

    private static string Dedent(string code)
    {
        var lines = code.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd().Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    [GeneratedRegex(@"## Testing your code: PartnerCenter\.BatchStatus\.Testing\n.*?(?=\n## |\n<!-- section|\z)", RegexOptions.Singleline)]
    private static partial Regex TestingKitSection();

    [GeneratedRegex(@"```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"// README example begin\n(?<code>.*?)\n[ \t]*// README example end", RegexOptions.Singleline)]
    private static partial Regex Example();

    [GeneratedRegex(@"// README example: hand-written client\n(?<code>.*?\n    \})", RegexOptions.Singleline)]
    private static partial Regex OneAnswerClientSource();

    // README example: hand-written client
    private sealed class OneAnswerClient(BatchUploadDetails answer) : IBatchStatusClient
    {
        public Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default) =>
            Task.FromResult(answer);
    }
}
