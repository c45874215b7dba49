namespace PartnerCenter.BatchStatus.Testing;

/// <summary>A request that the fake service received (in the process or over loopback), and the status it answered with.</summary>
public sealed class RecordedRequest
{
    private RecordedRequest(string method, string path, IReadOnlyDictionary<string, IReadOnlyList<string>> headers, DateTimeOffset receivedAt)
    {
        ReceivedAt = receivedAt;
        Method = method;
        Path = path;
        Headers = headers;
        if (BatchRoute.TryParse(path, out var customerId, out var batchTrackingId))
        {
            CustomerId = customerId;
            BatchTrackingId = batchTrackingId;
        }
    }

    /// <summary>Gets when the fake received the request, on its clock (<see cref="FakePartnerCenterTransport.TimeProvider"/>).</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Gets the HTTP method, such as <c>GET</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the path exactly as sent, such as <c>/v1/customers/{id}/batchJobStatus/{id}</c> (casing kept).</summary>
    public string Path { get; }

    /// <summary>Gets the request headers; names are matched without regard to case.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Headers { get; }

    /// <summary>Gets the status the fake answered with, or <see langword="null"/> while the answer is still on its way (a delayed or hanging one).</summary>
    public int? StatusCode { get; internal set; }

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

    internal static RecordedRequest From(HttpRequestMessage request, DateTimeOffset receivedAt) => new(
        request.Method.Method,
        request.RequestUri?.AbsolutePath ?? "/",
        // A custom header may be named on the content too: the request's own comes first and is kept.
        request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()).DistinctBy(header => header.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(header => header.Key, header => (IReadOnlyList<string>)[.. header.Value], StringComparer.OrdinalIgnoreCase),
        receivedAt);
}
