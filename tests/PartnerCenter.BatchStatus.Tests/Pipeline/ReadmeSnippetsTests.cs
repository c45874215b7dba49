using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class ReadmeSnippetsTests
{
    [Fact]
    public void Readme_UsingTheClientSection_ShowsOnlyCodeThatCompiles()
    {
        var section = Readme.Section("Using the client");
        var compiled = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "tests", "PartnerCenter.BatchStatus.Tests", "Pipeline", "ReadmeSnippets.cs"))
            .Select(line => line.Trim())
            .ToHashSet(StringComparer.Ordinal);

        var blocks = Readme.CSharpBlocks(section);
        Assert.True(blocks.Count >= 6, $"Expected the section's code blocks, found {blocks.Count}.");
        foreach (var block in blocks)
        {
            foreach (var line in block.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0))
            {
                Assert.True(compiled.Contains(line), $"README line not found in ReadmeSnippets.cs: {line}");
            }
        }
    }

    [Fact]
    public void Readme_ManyBatchesSection_ShowsOnlyCodeThatCompiles()
    {
        var section = Readme.Section("Many batches, one throttle budget, and metrics");
        var compiled = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "tests", "PartnerCenter.BatchStatus.Tests", "Pipeline", "ReadmeSnippets.cs"))
            .Select(line => line.Trim())
            .ToHashSet(StringComparer.Ordinal);

        var block = Assert.Single(Readme.CSharpBlocks(section));
        foreach (var line in block.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0))
        {
            // The README writes to the console where the snippet collects lines for the test.
            var asCompiled = line.Replace("Console.WriteLine(", "lines.Add(", StringComparison.Ordinal);
            Assert.True(compiled.Contains(asCompiled), $"README line not found in ReadmeSnippets.cs: {line}");
        }
    }

    [Fact]
    public async Task WaitForMany_Snippet_ReportsEachBatch()
    {
        var handler = new ScriptedHandler((_, request) => request.RequestUri!.AbsolutePath.Contains(DocumentedIds.BatchTrackingId.ToString(), StringComparison.Ordinal)
            ? ScriptedHandler.Answer(HttpStatusCode.OK)
            : ScriptedHandler.Answer(HttpStatusCode.NotFound, """{"code":"NotFound","description":"No such batch."}"""));
        using var client = new BatchStatusClient(new FakeTokenCredential(), new BatchStatusClientOptions { Retry = { MaxRetries = 0 } }.WithTransport(handler));
        var other = Guid.NewGuid();

        var lines = await ReadmeSnippets.WaitForManyAsync(
            client,
            [$"/v1/customers/{DocumentedIds.CustomerId}/batchJobStatus/{DocumentedIds.BatchTrackingId}", $"/v1/customers/{DocumentedIds.CustomerId}/batchJobStatus/{other}"],
            CancellationToken.None);

        Assert.Equal(2, lines.Count);
        Assert.Contains($"{DocumentedIds.BatchTrackingId}: 1 device: 0 succeeded, 1 failed (808 ZtdDeviceAssignedToOtherTenant ×1) after 1 polls", lines);
        Assert.Contains(lines, line => line.StartsWith($"{other}: Partner Center answered 404", StringComparison.Ordinal));
    }

    [Fact]
    public void WithOptions_Snippet_MakesAValidClient()
    {
        using var client = ReadmeSnippets.WithOptions(new FakeTokenCredential(), NullLoggerFactory.Instance);

        Assert.NotNull(client);
    }

    [Fact]
    public async Task RegisterWithACredential_Snippet_PassesStartUpValidation()
    {
        var services = new ServiceCollection();
        ReadmeSnippets.RegisterWithACredential(services, new FakeTokenCredential());
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptionsMonitor<BatchStatusClientOptions>>().Get("PartnerCenter.BatchStatus");
        Assert.Equal(PartnerCenterCloud.China.Endpoint, options.Endpoint);
    }

    [Fact]
    public async Task HandlingErrors_Snippet_CatchesWhatTheClientThrows()
    {
        var handler = new ScriptedHandler((_, _) =>
        {
            var response = ScriptedHandler.Answer(HttpStatusCode.TooManyRequests);
            response.Headers.Add("Retry-After", "600");
            return response;
        });
        using var client = new BatchStatusClient(new FakeTokenCredential(), new BatchStatusClientOptions().WithTransport(handler));

        var details = await ReadmeSnippets.HandlingErrorsAsync(client, DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, CancellationToken.None);

        Assert.Null(details);
        Assert.Single(handler.Attempts);
    }
}
