using WireMock.Logging;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>A request that <see cref="FakePartnerCenter"/> received, and the status it answered with.</summary>
public sealed class RecordedRequest
{
    private RecordedRequest(string method, string path, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, int? statusCode)
    {
        Method = method;
        Path = path;
        Headers = headers;
        StatusCode = statusCode;
        if (BatchRoute.TryParse(path, out var customerId, out var batchTrackingId))
        {
            CustomerId = customerId;
            BatchTrackingId = batchTrackingId;
        }
    }

    /// <summary>Gets the HTTP method, such as <c>GET</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the path exactly as sent, such as <c>/v1/customers/{id}/batchJobStatus/{id}</c> (casing kept).</summary>
    public string Path { get; }

    /// <summary>Gets the request headers; names are matched without regard to case.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>Gets the status the fake answered with, or <see langword="null"/> when it answered none.</summary>
    public int? StatusCode { get; }

    /// <summary>Gets the customer id of the path, or <see langword="null"/> when the path is not the operation's.</summary>
    public Guid? CustomerId { get; }

    /// <summary>Gets the batch tracking id of the path, or <see langword="null"/> when the path is not the operation's.</summary>
    public Guid? BatchTrackingId { get; }

    /// <summary>Gets the first value of a request header.</summary>
    /// <param name="name">The header's name, matched without regard to case.</param>
    /// <returns>The value, or <see langword="null"/> when the request did not carry the header.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    public string? GetHeader(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;
    }

    internal static RecordedRequest From(ILogEntry entry)
    {
        var request = entry.RequestMessage!;
        var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        if (request.Headers is not null)
        {
            foreach (var header in request.Headers)
            {
                headers[header.Key] = [.. header.Value];
            }
        }

        return new RecordedRequest(request.Method, request.Path, headers, entry.ResponseMessage?.StatusCode switch
        {
            int status => status,
            string text when int.TryParse(text, out var status) => status,
            _ => null,
        });
    }
}
