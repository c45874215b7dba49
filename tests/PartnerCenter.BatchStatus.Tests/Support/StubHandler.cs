using System.Net;
using System.Text;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>An in-memory final handler for fast unit tests: answers from a function and records requests.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    private readonly List<HttpRequestMessage> _requests = [];

    public IReadOnlyList<HttpRequestMessage> Requests => _requests;

    public static StubHandler Json(string body, HttpStatusCode status = HttpStatusCode.OK, string mediaType = "application/json") =>
        new(_ => new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType) });

    /// <summary>A client with its whole pipeline over this handler as its transport; no retries, so a test sees each answer.</summary>
    public static BatchStatusClient ClientFor(StubHandler handler) =>
        new(new FakeTokenCredential(), new BatchStatusClientOptions { Transport = handler, Retry = { MaxRetries = 0 } });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Add(request);
        var response = respond(request);
        response.RequestMessage = request;
        return Task.FromResult(response);
    }
}
