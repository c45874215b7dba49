using System.Text.Json;
using PartnerCenter.BatchStatus.Errors;
using PartnerCenter.BatchStatus.Serialization;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// Reads the status of Partner Center device batch uploads.
/// </summary>
/// <remarks>
/// The operation itself is generated from the OpenAPI contract; this part adds what the generated code
/// cannot know: tolerant JSON settings, argument checks before anything is sent, and keeping enough of a
/// response to explain a failure.
/// </remarks>
public partial class BatchStatusClient
{
    private const string EmptyGuidSegment = "00000000-0000-0000-0000-000000000000";

    static partial void UpdateJsonSerializerSettings(JsonSerializerOptions settings) => BatchStatusJson.Configure(settings);

    partial void PrepareRequest(HttpClient client, HttpRequestMessage request, string url)
    {
        // The generated code only checks the ids against null, which a Guid never is.
        if (url.StartsWith("v1/customers/" + EmptyGuidSegment + "/", StringComparison.Ordinal))
        {
            throw new ArgumentException("The customer id must not be Guid.Empty: use the customer's tenant id (the Microsoft ID on the customer's account page).", "customerId");
        }

        if (url.EndsWith("/" + EmptyGuidSegment, StringComparison.Ordinal))
        {
            throw new ArgumentException("The batch tracking id must not be Guid.Empty: use the id from the Location header of the device batch upload.", "batchTrackingId");
        }

        if (!request.RequestUri!.IsAbsoluteUri)
        {
            var baseAddress = client.BaseAddress;
            if (baseAddress is null)
            {
                throw new InvalidOperationException("The HttpClient has no BaseAddress: set it to the Partner Center endpoint, such as https://api.partnercenter.microsoft.com/.");
            }

            if (!baseAddress.AbsolutePath.EndsWith('/'))
            {
                // Without the slash, the last segment of the base address would be dropped when the operation's path is appended.
                throw new InvalidOperationException($"The HttpClient's BaseAddress '{baseAddress.GetLeftPart(UriPartial.Path)}' must end with '/'.");
            }
        }
    }

    partial void ProcessResponse(HttpClient client, HttpResponseMessage response) => ResponseCapture.Attach(response);
}
