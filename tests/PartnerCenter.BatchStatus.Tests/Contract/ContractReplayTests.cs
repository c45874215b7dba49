using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;
using TestTokenCredential = PartnerCenter.BatchStatus.Tests.Support.TestTokenCredential;

namespace PartnerCenter.BatchStatus.Tests.Contract;

/// <summary>
/// The client against the testing kit's fake Partner Center over WireMock on loopback, answering as the contract says:
/// the documented sample replayed from the contract's example file with the documented response headers, and the
/// request checked against the contract's operation.
/// </summary>
public sealed class ContractReplayTests : IDisposable
{
    // The documented response's headers (Partner Center's page for the operation). Its Date is left out: the server sets its own.
    private const string DocumentedRequestId = "7b3e2e00-b330-4480-9d84-59ace713427f";
    private const string DocumentedCorrelationId = "bbbb1111-cc22-3333-44dd-555555eeeeee";
    private const string DocumentedCorrelationVector = "YrLe3w6BbUSMt1fi.0";
    private const string DocumentedServerId = "030020344";

    private static readonly Dictionary<string, string> DocumentedHeaders = new()
    {
        ["MS-RequestId"] = DocumentedRequestId,
        ["MS-CorrelationId"] = DocumentedCorrelationId,
        ["MS-CV"] = DocumentedCorrelationVector,
    };

    private readonly FakePartnerCenter _fake = FakePartnerCenter.Start();

    public void Dispose() => _fake.Dispose();

    [Fact]
    public async Task GetBatchJobStatusAsync_DocumentedSampleReplayedFromTheExampleFile_ReadsEveryField()
    {
        ServeDocumentedSample();

        var details = await Client().GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        // Every value of the example file, each asserted below; a field added to the example fails this line first.
        Assert.Equal(
            [
                "batchTrackingId", "status", "startedTime", "completedTime",
                "devicesStatus[0].serialNumber", "devicesStatus[0].productKey", "devicesStatus[0].status",
                "devicesStatus[0].errorCode", "devicesStatus[0].errorDescription", "devicesStatus[0].attributes.objectType",
                "attributes.objectType",
            ],
            LeafPaths(JsonNode.Parse(await File.ReadAllTextAsync(RepositoryFiles.DocumentedSample))!));
        Assert.Equal("0127ed8e-ff72-4983-a3d8-e8d8bd378932", details.BatchTrackingId);
        Assert.Equal("finished", details.Status);
        Assert.Equal("finished", details.Status);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 10, 0, 0, TimeSpan.Zero), details.StartedTime);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 10, 10, 0, TimeSpan.Zero), details.CompletedTime);
        var device = Assert.Single(details.DevicesStatus!);
        Assert.Equal("1234567890", device.SerialNumber);
        Assert.Equal("12345-67890-09876-54321-13579", device.ProductKey);
        Assert.Equal("finished_with_errors", device.Status);
        Assert.Equal("finished_with_errors", device.Status);
        Assert.Equal("808", device.ErrorCode);
        Assert.Equal("ZtdDeviceAssignedToOtherTenant", device.ErrorDescription);
        Assert.Equal("DeviceUploadDetails", device.Attributes!.ObjectType);
        Assert.Null(device.DeviceId);
        Assert.Empty(device.AdditionalProperties);
        Assert.Equal("BatchUploadDetails", details.Attributes!.ObjectType);
        Assert.Null(details.Attributes.Etag);
        Assert.Empty(details.AdditionalProperties);

        var response = details.Response!;
        Assert.Equal(200, response.StatusCode);
        Assert.Equal(DocumentedRequestId, response.RequestId);
        Assert.Equal(DocumentedCorrelationId, response.CorrelationId);
        Assert.Equal(DocumentedCorrelationVector, response.GetHeader(PartnerCenterHeaderNames.CorrelationVector));
        Assert.Equal(DocumentedServerId, response.GetHeader(PartnerCenterHeaderNames.ServerId));
        Assert.Null(response.RetryAfter);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_Request_MatchesTheContractsOperation()
    {
        ServeDocumentedSample();
        var template = (await LoadContractAsync()).Paths.Keys.Single();

        await Client().GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var request = Assert.Single(_fake.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/customers/47021739-3426-40bf-9601-61b4b6d7c793/batchJobStatus/0127ed8e-ff72-4983-a3d8-e8d8bd378932", request.Path);
        Assert.Equal(
            template.Replace("{customerId}", DocumentedIds.CustomerId.ToString("D"), StringComparison.Ordinal)
                .Replace("{batchTrackingId}", DocumentedIds.BatchTrackingId.ToString("D"), StringComparison.Ordinal),
            request.Path);
        Assert.Equal(["application/json"], request.Headers["Accept"]);
        Assert.Null(request.GetHeader("Content-Type"));
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ClientBuiltWithACredential_SendsTheContractsHeadersAndSecurity()
    {
        ServeDocumentedSample();
        var contract = await LoadContractAsync();
        var credential = new TestTokenCredential();
        using var client = new BatchStatusClient(credential, new BatchStatusClientOptions
        {
            Endpoint = _fake.Endpoint,
            AllowInsecureLoopbackEndpoint = true,
            ApplicationName = "Contoso Device Uploader",
        });

        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var request = Assert.Single(_fake.Requests);

        // Every request header the contract documents is sent, in the format the contract gives it.
        var documented = contract.Components!.Parameters!.Values.Where(p => p.In == ParameterLocation.Header).ToList();
        Assert.NotEmpty(documented);
        foreach (var parameter in documented)
        {
            var value = Assert.Single(request.Headers[parameter.Name!]);
            if (parameter.Schema!.Format == "uuid")
            {
                Assert.True(Guid.TryParse(value, out var id) && id != Guid.Empty, $"{parameter.Name} is not a GUID: {value}");
            }
            else if (parameter.Schema.Default is { } defaultValue)
            {
                Assert.Equal(defaultValue.GetValue<string>(), value);
            }
        }

        Assert.Equal("Contoso Device Uploader", request.GetHeader("MS-PartnerCenter-Application"));

        // The contract's security: a bearer token for the Partner Center scope.
        Assert.Equal("Bearer " + credential.Token, request.GetHeader("Authorization"));
        var appOnlyScope = contract.Components.SecuritySchemes!["appOnly"].Flows!.ClientCredentials!.Scopes!.Keys.Single();
        Assert.Equal([appOnlyScope], Assert.Single(credential.Requests).Scopes);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ErrorResponseOfTheContract_ThrowsWithItsCodeDescriptionAndIds()
    {
        _fake.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).ThenRespond(
            403,
            """{"code":"600","description":"The caller is not authorized to access the customer.","data":[],"source":"PartnerFD"}""",
            headers: DocumentedHeaders);

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => Client().GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(403, error.StatusCode);
        Assert.Equal("600", error.ErrorCode);
        Assert.Equal("The caller is not authorized to access the customer.", error.ErrorDescription);
        Assert.Equal(DocumentedRequestId, error.RequestId);
        Assert.Equal(DocumentedCorrelationId, error.CorrelationId);
        Assert.False(error.IsMfaRequired);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ThrottledResponseOfTheContract_ThrowsWithRetryAfter()
    {
        _fake.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).ThenRespond(
            429,
            string.Empty,
            headers: new Dictionary<string, string>(DocumentedHeaders) { ["Retry-After"] = "17" });

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => Client().GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(17), error.RetryAfter);
        Assert.Null(error.ErrorCode);
        Assert.Equal(DocumentedRequestId, error.RequestId);
    }

    /// <summary>The kit's documented sample (the contract's example file, embedded as it is) with the documented response headers.</summary>
    private void ServeDocumentedSample() =>
        _fake.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId)
            .ThenRespond(200, DocumentedSample.Json, headers: new Dictionary<string, string>(DocumentedHeaders) { ["MS-ServerId"] = DocumentedServerId });

    private BatchStatusClient Client() => new(
        new TestTokenCredential(),
        new BatchStatusClientOptions { Endpoint = _fake.Endpoint, AllowInsecureLoopbackEndpoint = true, Retry = { MaxRetries = 0 } });

    private static List<string> LeafPaths(JsonNode node, string prefix = "")
    {
        var paths = new List<string>();
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    paths.AddRange(LeafPaths(value!, prefix.Length == 0 ? name : $"{prefix}.{name}"));
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    paths.AddRange(LeafPaths(array[i]!, $"{prefix}[{i}]"));
                }

                break;
            default:
                paths.Add(prefix);
                break;
        }

        return paths;
    }

    private static async Task<OpenApiDocument> LoadContractAsync()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        return (await OpenApiDocument.LoadAsync(RepositoryFiles.Contract, settings)).Document!;
    }
}
