using System.Net;
using System.Text;
using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Models;

public sealed class ResponseInfoTests
{
    [Fact]
    public async Task GetBatchJobStatusAsync_Success_ExposesTheResponseHeaders()
    {
        var handler = new StubHandler(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(RepositoryFiles.ReadDocumentedSample(), Encoding.UTF8, "application/json"),
            };
            response.Headers.Add("MS-RequestId", "7b3e2e00-b330-4480-9d84-59ace713427f");
            response.Headers.Add("MS-CorrelationId", "bbbb1111-cc22-3333-44dd-555555eeeeee");
            response.Headers.Add("MS-CV", "YrLe3w6BbUSMt1fi.0");
            response.Headers.Add("MS-ServerId", "030020344");
            response.Headers.Add("Retry-After", "30");
            return response;
        });

        var details = await StubHandler.ClientFor(handler).GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

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
        var handler = StubHandler.Json(RepositoryFiles.ReadDocumentedSample());
        using var client = StubHandler.ClientFor(handler);

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var sent = Assert.Single(handler.Requests).Headers;
        Assert.Equal(Assert.Single(sent.GetValues("MS-RequestId")), details.Response!.RequestId);
        Assert.Equal(Assert.Single(sent.GetValues("MS-CorrelationId")), details.Response.CorrelationId);
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
