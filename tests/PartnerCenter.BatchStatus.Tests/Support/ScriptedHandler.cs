using System.Net;
using System.Text;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>
/// A final handler that answers each attempt with the next step of a script (a status, or an exception such as a
/// connection failure), and records what each attempt carried.
/// </summary>
internal sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<int, HttpRequestMessage, HttpResponseMessage> _step;
    private readonly List<(string? RequestId, string? Authorization)> _attempts = [];

    public ScriptedHandler(Func<int, HttpRequestMessage, HttpResponseMessage> step)
    {
        _step = step;
    }

    public IReadOnlyList<(string? RequestId, string? Authorization)> Attempts
    {
        get
        {
            lock (_attempts)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>Gets the URI of the last attempt.</summary>
    public Uri? LastUri { get; private set; }

    public static ScriptedHandler Statuses(params HttpStatusCode[] statuses) =>
        new((attempt, _) => attempt < statuses.Length ? Answer(statuses[attempt]) : Answer(HttpStatusCode.OK));

    /// <summary>Answers the first attempt 429 with <paramref name="retryAfter"/> as its <c>Retry-After</c> value, taken as written, and every later one 200.</summary>
    public static ScriptedHandler ThrottledOnce(string retryAfter) => new((attempt, _) =>
    {
        if (attempt > 0)
        {
            return Answer(HttpStatusCode.OK);
        }

        var throttled = Answer(HttpStatusCode.TooManyRequests, """{"code":"429","description":"Too many requests"}""");
        Assert.True(throttled.Headers.TryAddWithoutValidation("Retry-After", retryAfter));
        return throttled;
    });

    public static HttpResponseMessage Answer(HttpStatusCode status, string? body = null) =>
        new(status)
        {
            Content = new StringContent(body ?? (status == HttpStatusCode.OK ? RepositoryFiles.ReadDocumentedSample() : """{"code":"5000","description":"Transient"}"""), Encoding.UTF8, "application/json"),
        };

    public static HttpRequestException ConnectionRefused() =>
        new(HttpRequestError.ConnectionError, "Connection refused (api.partnercenter.microsoft.com:443)", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        int attempt;
        lock (_attempts)
        {
            attempt = _attempts.Count;
            LastUri = request.RequestUri;
            _attempts.Add((
                request.Headers.TryGetValues(PartnerCenterHeaderNames.RequestId, out var ids) ? ids.Single() : null,
                request.Headers.Authorization?.ToString()));
        }

        try
        {
            var response = _step(attempt, request);
            response.RequestMessage = request;
            return Task.FromResult(response);
        }
        catch (Exception exception)
        {
            return Task.FromException<HttpResponseMessage>(exception);
        }
    }
}
