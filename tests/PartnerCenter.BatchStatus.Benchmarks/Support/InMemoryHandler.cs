using System.Net;
using System.Net.Http.Headers;

namespace PartnerCenter.BatchStatus.Benchmarks.Support;

/// <summary>A final handler that answers every request with the same body, without sockets.</summary>
public sealed class InMemoryHandler(byte[] body) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content, RequestMessage = request });
    }
}
