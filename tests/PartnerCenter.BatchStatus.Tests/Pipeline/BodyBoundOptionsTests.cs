using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

/// <summary><see cref="BatchStatusClientOptions.MaxResponseBodyBytes"/>: its default, its range, and that the client uses the value it was given.</summary>
public sealed class BodyBoundOptionsTests
{
    [Fact]
    public void MaxResponseBodyBytes_Default_Is128MiB()
    {
        Assert.Equal(128L * 1024 * 1024, new BatchStatusClientOptions().MaxResponseBodyBytes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(65_535)]
    [InlineData(1_073_741_825)]
    [InlineData(long.MaxValue)]
    public void Validate_MaxResponseBodyBytesOutOfRange_IsRefusedNamingIt(long bytes)
    {
        var options = new BatchStatusClientOptions { MaxResponseBodyBytes = bytes };

        var exception = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(BatchStatusClientOptions.MaxResponseBodyBytes), exception.ParamName);
        Assert.Contains("BatchStatusClientOptions.MaxResponseBodyBytes", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(65_536)]
    [InlineData(1_073_741_824)]
    public void Validate_MaxResponseBodyBytesAtTheEndsOfItsRange_IsAccepted(long bytes)
    {
        new BatchStatusClientOptions { MaxResponseBodyBytes = bytes }.Validate();
    }

    [Fact]
    public void AddBatchStatusClient_MaxResponseBodyBytesOutOfRange_FailsValidationAtStartUp()
    {
        var services = new ServiceCollection();
        services.AddBatchStatusClient(new TestTokenCredential(), options => options.MaxResponseBodyBytes = 1024);
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);

        Assert.Contains("MaxResponseBodyBytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_BodyJustWithinTheBound_IsReadAndOneByteMoreIsNot()
    {
        const int Bound = 65_536;
        var within = PaddedBody(Bound);
        await using var server = FakePartnerCenter.Start();
        server.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).ThenRespond(200, within);
        server.AddBatch(DocumentedIds.CustomerId, DocumentedIds.CustomerId).ThenRespond(200, PaddedBody(Bound + 1));
        var options = Kit.OptionsFor(server);
        options.MaxResponseBodyBytes = Bound;
        using var client = new BatchStatusClient(new TestTokenCredential(), options);

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        var exception = await Assert.ThrowsAsync<PartnerCenterResponseTooLargeException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.CustomerId));

        Assert.Equal(Bound, details.Response!.Content.ToMemory().Length);
        Assert.Equal("finished", details.Status);
        Assert.Equal(Bound, exception.MaxResponseBodyBytes);
        Assert.Equal(2, server.Requests.Count);
    }

    /// <summary>A body of exactly <paramref name="bytes"/> bytes.</summary>
    private static string PaddedBody(int bytes)
    {
        const string Start = """{"status":"finished","batchTrackingId":" """;
        return Start + new string('x', bytes - Start.Length - 2) + "\"}";
    }
}
