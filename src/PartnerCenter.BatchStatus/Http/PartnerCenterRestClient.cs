using System.Text.Json;
using PartnerCenter.BatchStatus.Http;
using PartnerCenter.BatchStatus.Serialization;

namespace PartnerCenter.BatchStatus;

/// <content>
/// Customises the generated operation (<c>obj/Generated/PartnerCenterRestClient.g.cs</c>) through its partial hooks:
/// the client's JSON settings, and a capture that reads the body within its bound before the generated code does. One
/// instance serves one attempt.
/// </content>
internal partial class PartnerCenterRestClient
{
    /// <summary>Gets the bound on a 200's body, in bytes (<see cref="BatchStatusClientOptions.MaxResponseBodyBytes"/>).</summary>
    public required long MaxBodyBytes { get; init; }

    /// <summary>Gets what this attempt received, once the response headers arrived.</summary>
    public ResponseCapture? Capture { get; private set; }

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => BatchStatusJson.Configure(settings);

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => Capture = ResponseCapture.Attach(response, MaxBodyBytes);
}
