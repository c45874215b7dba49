using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

public sealed class ErrorBodyTests : IDisposable
{
    private const string PartnerCenterError = """{"code":"600008","description":"The requested customer was not found.","data":[],"source":"PartnerFD"}""";
    private const string GatewayPage = "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>";

    private readonly FakePartnerCenter _server = FakePartnerCenter.Start();
    private readonly TestTokenCredential _credential = new();
    private readonly CapturingLoggerProvider _logs = new();

    public void Dispose()
    {
        _server.Dispose();
        _logs.Dispose();
    }

    public static TheoryData<int, string, string, string?, string?> Bodies => new()
    {
        // status, content type, body, expected error code, expected text in ResponseBody
        { 404, "application/json", PartnerCenterError, "600008", "PartnerFD" },
        { 502, "text/html", GatewayPage, null, "<h1>Bad Gateway</h1>" },
        { 403, "application/json", string.Empty, null, null },
        { 400, "application/json", """{"code":"1001","descrip""", null, """{"code":"1001","descrip""" },
        { 200, "application/json", """{"batchTrackingId":"0127ed8e-ff72-4983-a3d8-e8""", null, """{"batchTrackingId":"0127ed8e-ff72-4983-a3d8-e8""" },
        { 200, "text/html", GatewayPage, null, "<title>502 Bad Gateway</title>" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task GetBatchJobStatusAsync_ErrorOrUnreadableBody_ThrowsPartnerCenterApiExceptionWithWhatCouldBeRead(
        int status, string contentType, string body, string? errorCode, string? bodyText)
    {
        _server.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).ThenRespond(status, body, contentType);
        var options = Kit.OptionsFor(_server);
        options.Retry.MaxRetries = 1;
        options.LoggerFactory = _logs.CreateFactory();
        using var client = new BatchStatusClient(_credential, options);

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal(status, exception.StatusCode);
        Assert.Equal(errorCode, exception.ErrorCode);
        if (bodyText is null)
        {
            Assert.Null(exception.ResponseBody);
        }
        else
        {
            Assert.Contains(bodyText, exception.ResponseBody, StringComparison.Ordinal);
            Assert.DoesNotContain(bodyText, exception.Message, StringComparison.Ordinal);
        }

        Assert.Equal(_server.Requests[^1].GetHeader(PartnerCenterHeaderNames.RequestId), exception.RequestId);
        Assert.Equal(_server.Requests[^1].GetHeader(PartnerCenterHeaderNames.CorrelationId), exception.CorrelationId);
        AssertNoToken(exception);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_PartnerCenterErrorBody_IsParsedIntoTheException()
    {
        _server.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).ThenRespond(404, PartnerCenterError);
        using var client = new BatchStatusClient(_credential, Kit.OptionsFor(_server));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal("600008", exception.ErrorCode);
        Assert.Equal("The requested customer was not found.", exception.ErrorDescription);
        Assert.Contains("600008", exception.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_401WithTheMfaCode_ExplainsMultiFactorAuthentication()
    {
        _server.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).ThenFail(401, "900421", "Multi-factor authentication is required.");
        var options = Kit.OptionsFor(_server);
        options.LoggerFactory = _logs.CreateFactory();
        using var client = new BatchStatusClient(_credential, options);

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal(401, exception.StatusCode);
        Assert.True(exception.IsMfaRequired);
        Assert.Contains("multi-factor authentication", exception.Message, StringComparison.Ordinal);
        Assert.Single(_server.Requests);
        AssertNoToken(exception);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_Throttled_CarriesRetryAfterAndIsExplained()
    {
        _server.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).ThenRespond(429, string.Empty, headers: new Dictionary<string, string> { ["Retry-After"] = "90" });
        var options = Kit.OptionsFor(_server);
        options.Retry.MaxRetries = 0;
        using var client = new BatchStatusClient(_credential, options);

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal(429, exception.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(90), exception.RetryAfter);
        Assert.Contains("90 s", exception.Message, StringComparison.Ordinal);
    }

    private void AssertNoToken(Exception exception)
    {
        Assert.DoesNotContain(_credential.Token, exception.ToString(), StringComparison.Ordinal);
        if (exception is PartnerCenterApiException apiException)
        {
            Assert.DoesNotContain(_credential.Token, apiException.ResponseBody ?? string.Empty, StringComparison.Ordinal);
            Assert.DoesNotContain(apiException.Headers, header => header.Value.Any(value => value.Contains(_credential.Token, StringComparison.Ordinal)));
        }

        Assert.DoesNotContain(_credential.Token, _logs.AllText(), StringComparison.Ordinal);
    }
}
