using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Waiting;

/// <summary>Keeps the README's waiting snippet compiling, running and identical to the code here.</summary>
[Collection(nameof(ConsoleOutputCollection))]
public sealed class ReadmeWaitingSnippetTests
{
    private const string SnippetStart = "// README begin: waiting";
    private const string SnippetEnd = "// README end: waiting";

    [Fact]
    public async Task Snippet_DocumentedSample_PrintsTheFailedDeviceAndWhatToDo()
    {
        var sample = JsonSerializer.Deserialize<BatchUploadDetails>(RepositoryFiles.ReadDocumentedSample(), BatchStatusJson.Options)!;
        var client = new ScriptedBatchStatusClient(new SteppingTimeProvider(), ScriptedBatchStatusClient.Answer(sample));
        var previous = Console.Out;
        // Not disposed: the progress callback runs on the thread pool and may still write to it.
        var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            await Snippet(client, "/customers/c7f3c849-129f-4b85-a96d-4f8e88b315a3/batchJobStatus/beba2053-5401-46ff-9223-7e841ed78fbf", CancellationToken.None);
        }
        finally
        {
            Console.SetOut(previous);
        }

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Contains("1 device: 0 succeeded, 1 failed (808 ZtdDeviceAssignedToOtherTenant ×1)", lines);
        Assert.Contains(
            "1234567890: 808 ZtdDeviceAssignedToOtherTenant: The device is registered to another tenant; its previous owner must deregister it. "
            + DeviceErrorCatalog.Find("808")!.Remedy,
            lines);
        Assert.Equal(Guid.Parse("beba2053-5401-46ff-9223-7e841ed78fbf"), Assert.Single(client.Polls).BatchTrackingId);
    }

    [Fact]
    public void Readme_WaitingSection_ShowsTheSnippetAsItIsHere()
    {
        var source = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "tests", "PartnerCenter.BatchStatus.Tests", "Waiting", "ReadmeWaitingSnippetTests.cs"));
        var start = Array.FindIndex(source, line => line.Trim() == SnippetStart);
        var end = Array.FindIndex(source, line => line.Trim() == SnippetEnd);
        Assert.True(start >= 0 && end > start + 1, "The snippet markers were not found.");
        var body = source[(start + 1)..end].Reverse().SkipWhile(line => line.Trim().Length == 0).Reverse().ToArray();
        var indent = body.Where(line => line.Trim().Length > 0).Min(line => line.Length - line.TrimStart().Length);
        var snippet = string.Join("\n", body.Select(line => line.Length >= indent ? line[indent..] : line.TrimStart()));

        Assert.Contains(snippet + "\n", Readme.CSharpBlocks(Readme.Section("Waiting for a batch, and what failed")));
    }

    private static async Task Snippet(IBatchStatusClient client, string locationHeader, CancellationToken cancellationToken)
    {
        // README begin: waiting
        // locationHeader: the Location of the device batch upload, as sent or as pasted from anywhere.
        var location = BatchTrackingLocation.Parse(locationHeader);
        try
        {
            var details = await client.WaitForCompletionAsync(
                location,
                new BatchWaitOptions { MaxTotalWait = TimeSpan.FromMinutes(15) },
                new Progress<BatchUploadDetails>(poll => Console.WriteLine($"{poll.Status}: {poll.Summarize()}")),
                cancellationToken);

            // A finished batch can hold failed devices: always look at them.
            Console.WriteLine(details.Summarize());
            foreach (var failed in details.GetFailedDevices())
            {
                var device = failed.Device;
                Console.WriteLine(failed.Error is { } error
                    ? $"{device.SerialNumber}: {error.Code} {error.Name}: {error.Meaning} {error.Remedy}"
                    : $"{device.SerialNumber}: {device.ErrorCode} {device.ErrorDescription}");
            }
        }
        catch (BatchWaitTimeoutException timeout)
        {
            // The batch goes on in Partner Center: check it again later.
            Console.WriteLine($"Not done after {timeout.Elapsed}: {timeout.LastDetails?.Summarize()} (correlation id {timeout.CorrelationId})");
        }

        // README end: waiting
    }
}

/// <summary>Tests that redirect the process's console run alone.</summary>
[CollectionDefinition(nameof(ConsoleOutputCollection), DisableParallelization = true)]
public sealed class ConsoleOutputCollection;
