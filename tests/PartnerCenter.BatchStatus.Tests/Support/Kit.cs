using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>Shortcuts over the testing kit's fake service for the documented ids.</summary>
internal static class Kit
{
    /// <summary>Adds the documented batch, to declare its answers.</summary>
    public static FakeBatch Documented(this FakePartnerCenterTransport service) => service.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

    /// <summary>Answers 200 with the documented sample.</summary>
    public static FakeBatch ThenSample(this FakeBatch batch) => batch.ThenRespond(200, DocumentedSample.Json);

    /// <summary>Answers <paramref name="status"/> with a <c>Retry-After</c> taken as written.</summary>
    public static FakeBatch ThenRetryAfter(this FakeBatch batch, int status, string retryAfter) =>
        batch.ThenRespond(status, """{"code":"429","description":"Too many requests"}""", headers: new Dictionary<string, string> { ["Retry-After"] = retryAfter });

    public static Task<BatchUploadDetails> GetDocumentedAsync(this IBatchStatusClient client, CancellationToken cancellationToken = default) =>
        client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, cancellationToken);

    /// <summary>The request ids of the requests the service received.</summary>
    public static List<string?> RequestIds(this FakePartnerCenterTransport service) => [.. service.Requests.Select(request => request.GetHeader(PartnerCenterHeaderNames.RequestId))];

    /// <summary>A client that does not retry, over a fake service answering the documented batch with <paramref name="body"/>.</summary>
    public static BatchStatusClient Answering(string body, int status = 200, string contentType = "application/json") => Answering(body, out _, status, contentType);

    public static BatchStatusClient Answering(string body, out FakePartnerCenterTransport service, int status = 200, string contentType = "application/json")
    {
        service = new FakePartnerCenterTransport();
        service.Documented().ThenRespond(status, body, contentType);
        return service.CreateClient(options => options.Retry.MaxRetries = 0);
    }

    public static string DocumentedPath => $"/v1/customers/{DocumentedIds.CustomerId}/batchJobStatus/{DocumentedIds.BatchTrackingId}";

    /// <summary>Options for a client of the fake service over loopback, with tiny retry delays.</summary>
    public static BatchStatusClientOptions OptionsFor(FakePartnerCenter host) => new()
    {
        Endpoint = host.Endpoint,
        AllowInsecureLoopbackEndpoint = true,
        Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
    };

    /// <summary>A client over <paramref name="handler"/> with tiny retry delays.</summary>
    public static BatchStatusClient ClientOver(HttpMessageHandler handler, Action<BatchStatusClientOptions>? configure = null, Azure.Core.TokenCredential? credential = null)
    {
        var options = new BatchStatusClientOptions { Transport = handler, Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) } };
        configure?.Invoke(options);
        return new BatchStatusClient(credential ?? new TestTokenCredential(), options);
    }
}
