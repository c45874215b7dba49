using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Serialization.Json;

namespace PartnerCenter.BatchStatus.Benchmarks.Kiota;

/// <summary>
/// What a Kiota-generated client does for this operation: a request adapter over Kiota's default middleware,
/// a bearer token from a cached provider, and Kiota's JSON parse nodes.
/// </summary>
public sealed class KiotaClient
{
    private const string UrlTemplate = "{+baseurl}/v1/customers/{customerId}/batchJobStatus/{batchTrackingId}";

    private readonly HttpClientRequestAdapter _adapter;

    public KiotaClient(HttpMessageHandler finalHandler, Uri endpoint)
    {
        var auth = new BaseBearerTokenAuthenticationProvider(new CachedTokenProvider(endpoint.Host));
        _adapter = new HttpClientRequestAdapter(auth, new JsonParseNodeFactory(), new JsonSerializationWriterFactory(), KiotaClientFactory.Create(finalHandler))
        {
            BaseUrl = endpoint.GetLeftPart(UriPartial.Authority),
        };
    }

    public async Task<KiotaBatchUploadDetails> GetAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default)
    {
        var request = new RequestInformation(Method.GET, UrlTemplate, new Dictionary<string, object>
        {
            ["customerId"] = customerId,
            ["batchTrackingId"] = batchTrackingId,
        });
        request.Headers.TryAdd("Accept", "application/json");
        return await _adapter.SendAsync(request, KiotaBatchUploadDetails.CreateFromDiscriminatorValue, cancellationToken: cancellationToken)
            ?? throw new InvalidOperationException("Empty body.");
    }

    private sealed class CachedTokenProvider(string host) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult("benchmark-token");
    }
}
