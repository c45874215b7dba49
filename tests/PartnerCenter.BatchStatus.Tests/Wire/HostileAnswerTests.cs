using PartnerCenter.BatchStatus.Tests.Support;
using static PartnerCenter.BatchStatus.Tests.Support.RawSocketServer;

namespace PartnerCenter.BatchStatus.Tests.Wire;

/// <summary>Answers a production user meets from gateways and misbehaving services, over a real socket.</summary>
public sealed class HostileAnswerTests
{
    private static readonly string Sample = RepositoryFiles.ReadDocumentedSample();
    private readonly FakeTokenCredential _credential = new();

    [Theory]
    [InlineData(200)]
    [InlineData(500)]
    public async Task GetBatchJobStatusAsync_BrotliEncodingThatLies_IsABrokenBodyRetriedThenTyped(int status)
    {
        // A body that says Content-Encoding: br but is plain JSON: .NET's Brotli decoder throws InvalidOperationException.
        await using var server = new RawSocketServer(_ => Answer.Complete(status, Sample, "Content-Encoding: br\r\n"));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 1));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(status, exception.StatusCode);
        var broken = Assert.IsType<InvalidDataException>(exception.InnerException);
        Assert.Contains("Content-Encoding", broken.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }
}
