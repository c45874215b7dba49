using System.Net;
using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Models;

public sealed class GeneratedModelTests
{
    [Fact]
    public async Task GetBatchJobStatusAsync_DocumentedSample_ReadsEveryField()
    {
        var client = Kit.Answering(RepositoryFiles.ReadDocumentedSample());

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("0127ed8e-ff72-4983-a3d8-e8d8bd378932", details.BatchTrackingId);
        Assert.Equal("finished", details.Status);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 10, 0, 0, TimeSpan.Zero), details.StartedTime);
        Assert.Equal(TimeSpan.Zero, details.StartedTime!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 10, 10, 0, TimeSpan.Zero), details.CompletedTime);
        Assert.Equal("BatchUploadDetails", details.Attributes!.ObjectType);
        Assert.Null(details.Attributes.Etag);
        Assert.Empty(details.AdditionalProperties);

        var device = Assert.Single(details.DevicesStatus!);
        Assert.Null(device.DeviceId);
        Assert.Equal("1234567890", device.SerialNumber);
        Assert.Equal("12345-67890-09876-54321-13579", device.ProductKey);
        Assert.Equal("finished_with_errors", device.Status);
        Assert.Equal("808", device.ErrorCode);
        Assert.Equal("ZtdDeviceAssignedToOtherTenant", device.ErrorDescription);
        Assert.Equal("DeviceUploadDetails", device.Attributes!.ObjectType);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_StatusTheContractDoesNotList_IsKeptAsSent()
    {
        const string body = """
            {"batchTrackingId":"0127ed8e-ff72-4983-a3d8-e8d8bd378932","status":"cancelled",
             "devicesStatus":[{"serialNumber":"1","status":"quarantined"},{"serialNumber":"2","status":"FINISHED"}]}
            """;
        var client = Kit.Answering(body);

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("cancelled", details.Status);
        Assert.Equal("quarantined", details.DevicesStatus![0].Status);
        Assert.Equal("FINISHED", details.DevicesStatus[1].Status);
        Assert.True(details.DevicesStatus[1].Status == DeviceUploadStatus.Finished);
        Assert.False(details.IsCompleted());
    }

    [Fact]
    public void Serialize_UnknownStatus_RoundTripsAsSent()
    {
        var details = JsonSerializer.Deserialize<BatchUploadDetails>("""{"status":"cancelled"}""", BatchStatusJson.Options)!;

        var json = JsonSerializer.Serialize(details, BatchStatusJson.Options);

        Assert.Contains("\"status\":\"cancelled\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"status":42}""", "42")]
    [InlineData("""{"status":true}""", "true")]
    [InlineData("""{"status":{"odd":1}}""", null)]
    [InlineData("""{"status":null}""", null)]
    public void Deserialize_StatusOfAnotherJsonType_DoesNotThrow(string json, string? status)
    {
        var details = JsonSerializer.Deserialize<BatchUploadDetails>(json, BatchStatusJson.Options)!;

        Assert.Equal(status, details.Status);
    }

    [Theory]
    [InlineData("finished", "finished", true)]
    [InlineData("FINISHED", "finished", true)]
    [InlineData("finished_with_errors", "Finished_With_Errors", true)]
    [InlineData("cancelled", "finished", false)]
    [InlineData(null, "unknown", false)]
    [InlineData(null, null, true)]
    public void DeviceUploadStatus_IsEqualByValueIgnoringCase(string? left, string? right, bool equal)
    {
        DeviceUploadStatus a = left, b = right;

        Assert.Equal(equal, a == b);
        Assert.Equal(!equal, a != b);
        Assert.Equal(equal, a.Equals((object)b));
        if (equal)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Fact]
    public void DeviceUploadStatus_KnownValues_AreTheWireValues()
    {
        Assert.Equal(
            ["unknown", "queued", "processing", "finished", "finished_with_errors", "quarantined", ""],
            new[] { DeviceUploadStatus.Unknown, DeviceUploadStatus.Queued, DeviceUploadStatus.Processing, DeviceUploadStatus.Finished,
                DeviceUploadStatus.FinishedWithErrors, new DeviceUploadStatus("quarantined"), default }.Select(status => status.ToString()));
    }

    [Fact]
    public void DeviceUploadStatus_Json_IsTheWireValue()
    {
        var json = JsonSerializer.Serialize(new[] { DeviceUploadStatus.FinishedWithErrors, new DeviceUploadStatus("quarantined") });

        Assert.Equal("""["finished_with_errors","quarantined"]""", json);
        Assert.Equal([DeviceUploadStatus.FinishedWithErrors, "quarantined"], JsonSerializer.Deserialize<DeviceUploadStatus[]>(json)!);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_MissingAndExtraFields_AreNullAndKept()
    {
        const string body = """{"status":"queued","futureField":{"nested":[1,2]},"devicesStatus":[{"newDeviceField":"x"}]}""";
        var client = Kit.Answering(body);

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Null(details.BatchTrackingId);
        Assert.Null(details.StartedTime);
        Assert.Null(details.CompletedTime);
        Assert.Null(details.Attributes);
        Assert.Equal("""{"nested":[1,2]}""", ((JsonElement)details.AdditionalProperties["futureField"]).GetRawText());
        var device = Assert.Single(details.DevicesStatus!);
        Assert.Null(device.Status);
        Assert.Null(device.ErrorCode);
        Assert.True(device.AdditionalProperties.ContainsKey("newDeviceField"));
    }

    [Theory]
    [InlineData("2017-07-25T10:00:00", "2017-07-25T10:00:00+00:00")]
    [InlineData("2017-07-25T10:00:00.1234567", "2017-07-25T10:00:00.1234567+00:00")]
    [InlineData("2017-07-25T10:00:00Z", "2017-07-25T10:00:00+00:00")]
    [InlineData("2017-07-25T12:00:00+02:00", "2017-07-25T12:00:00+02:00")]
    public void Deserialize_Timestamps_WithoutOffsetAreUtcAndWithOffsetKeepIt(string wire, string expected)
    {
        var details = JsonSerializer.Deserialize<BatchUploadDetails>($$"""{"startedTime":"{{wire}}"}""", BatchStatusJson.Options)!;

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), details.StartedTime);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, details.StartedTime!.Value.Offset);
    }

    [Fact]
    public void Deserialize_EmptyTimestamp_IsNull()
    {
        var details = JsonSerializer.Deserialize<BatchUploadDetails>("""{"completedTime":""}""", BatchStatusJson.Options)!;

        Assert.Null(details.CompletedTime);
    }

    [Fact]
    public void Deserialize_TimestampThatIsNotOne_IsUnknownAndCostsNothingElse()
    {
        var details = JsonSerializer.Deserialize<BatchUploadDetails>("""{"status":"processing","startedTime":42,"completedTime":"soon","devicesStatus":[{"serialNumber":"SN-1"}]}""", BatchStatusJson.Options)!;

        Assert.Null(details.StartedTime);
        Assert.Null(details.CompletedTime);
        Assert.Equal("processing", details.Status);
        Assert.Equal("SN-1", Assert.Single(details.DevicesStatus!).SerialNumber);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_TruncatedBody_ThrowsWithStatusAndBodyText()
    {
        var body = RepositoryFiles.ReadDocumentedSample();
        var truncated = body[..(body.Length / 2)];
        var client = Kit.Answering(truncated);

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(
            () => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(200, error.StatusCode);
        Assert.Equal(truncated, error.ResponseBody);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        Assert.DoesNotContain(truncated, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_HtmlFromAGateway_ThrowsWithStatusAndBodyText()
    {
        const string html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
        var client = Kit.Answering(html, 502, "text/html");

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(
            () => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(502, error.StatusCode);
        Assert.Equal(html, error.ResponseBody);
        Assert.Null(error.ErrorCode);
        Assert.DoesNotContain("Bad Gateway</h1>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_PartnerCenterErrorBody_IsParsed()
    {
        const string body = """{"code":600008,"description":"The requested batch was not found.","data":[],"source":"PartnerFD"}""";
        var client = Kit.Answering(body, 404);

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(
            () => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal("600008", error.ErrorCode);
        Assert.Equal("The requested batch was not found.", error.ErrorDescription);
        Assert.Equal(body, error.ResponseBody);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.Contains("600008", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_EmptyIds_ThrowBeforeAnythingIsSent()
    {
        var client = Kit.Answering("{}", out var service);

        var customer = await Assert.ThrowsAsync<ArgumentException>(() => client.GetBatchJobStatusAsync(Guid.Empty, DocumentedIds.BatchTrackingId));
        var batch = await Assert.ThrowsAsync<ArgumentException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, Guid.Empty));

        Assert.Equal("customerId", customer.ParamName);
        Assert.Equal("batchTrackingId", batch.ParamName);
        Assert.Empty(service.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_SendsTheDocumentedPath()
    {
        var client = Kit.Answering(RepositoryFiles.ReadDocumentedSample(), out var service);

        await client.GetDocumentedAsync();

        var request = Assert.Single(service.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/v1/customers/47021739-3426-40bf-9601-61b4b6d7c793/batchJobStatus/0127ed8e-ff72-4983-a3d8-e8d8bd378932", request.Path);
        Assert.Equal("application/json", request.GetHeader("Accept"));
    }
}
