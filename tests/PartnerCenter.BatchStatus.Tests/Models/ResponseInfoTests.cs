using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Models;

public sealed class ResponseInfoTests
{
    [Fact]
    public async Task GetBatchJobStatusAsync_Success_ExposesTheResponseHeaders()
    {
        using var service = new FakePartnerCenterTransport();
        service.Documented().ThenRespond(200, RepositoryFiles.ReadDocumentedSample(), headers: new Dictionary<string, string>
        {
            ["MS-RequestId"] = "7b3e2e00-b330-4480-9d84-59ace713427f",
            ["MS-CorrelationId"] = "bbbb1111-cc22-3333-44dd-555555eeeeee",
            ["MS-CV"] = "YrLe3w6BbUSMt1fi.0",
            ["MS-ServerId"] = "030020344",
            ["Retry-After"] = "30",
        });

        var details = await service.CreateClient().GetDocumentedAsync();

        var info = Assert.IsType<PartnerCenterResponseInfo>(details.Response);
        Assert.Equal(200, info.StatusCode);
        Assert.Equal("7b3e2e00-b330-4480-9d84-59ace713427f", info.RequestId);
        Assert.Equal("bbbb1111-cc22-3333-44dd-555555eeeeee", info.CorrelationId);
        Assert.Equal("YrLe3w6BbUSMt1fi.0", info.GetHeader(PartnerCenterHeaderNames.CorrelationVector));
        Assert.Equal("030020344", info.GetHeader(PartnerCenterHeaderNames.ServerId));
        Assert.Equal(TimeSpan.FromSeconds(30), info.RetryAfter);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ResponseWithoutIds_FallsBackToTheIdsSent()
    {
        // A raw answer: no fake of the service leaves its ids out.
        await using var server = new RawSocketServer(_ => RawSocketServer.Answer.Complete(200, RepositoryFiles.ReadDocumentedSample()));
        using var client = new BatchStatusClient(new TestTokenCredential(), server.Options(maxRetries: 0));

        var details = await client.GetDocumentedAsync();

        var sent = Assert.Single(server.Requests);
        Assert.Contains($"MS-RequestId: {details.Response!.RequestId}\r\n", sent, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"MS-CorrelationId: {details.Response.CorrelationId}\r\n", sent, StringComparison.OrdinalIgnoreCase);
        Assert.Null(details.Response.RetryAfter);
    }

    [Fact]
    public void Deserialize_OutsideACall_HasNoResponse()
    {
        var details = JsonSerializer.Deserialize<BatchUploadDetails>(RepositoryFiles.ReadDocumentedSample(), BatchStatusJson.Options)!;

        Assert.Null(details.Response);
    }

    [Fact]
    public async Task BeginScope_SetsTheCurrentIdAndRestoresThePreviousOne()
    {
        var outer = Guid.NewGuid();
        var inner = Guid.NewGuid();
        Assert.Null(PartnerCenterCorrelation.Current);

        using (PartnerCenterCorrelation.BeginScope(outer))
        {
            using (PartnerCenterCorrelation.BeginScope(inner))
            {
                await Task.Yield();
                Assert.Equal(inner, PartnerCenterCorrelation.Current);
            }

            Assert.Equal(outer, PartnerCenterCorrelation.Current);
        }

        Assert.Null(PartnerCenterCorrelation.Current);
        Assert.Throws<ArgumentException>(() => PartnerCenterCorrelation.BeginScope(Guid.Empty));
    }
}
