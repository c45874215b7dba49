using PartnerCenter.BatchStatus.Tests.Support;
using static PartnerCenter.BatchStatus.Tests.Support.RawSocketServer;

namespace PartnerCenter.BatchStatus.Tests.Wire;

/// <summary>Answers a production user meets from gateways and misbehaving services, over a real socket.</summary>
public sealed class HostileAnswerTests
{
    private static readonly string Sample = RepositoryFiles.ReadDocumentedSample();
    private readonly TestTokenCredential _credential = new();

    [Theory]
    [InlineData(200)]
    [InlineData(500)]
    public async Task GetBatchJobStatusAsync_BrotliEncodingThatLies_IsABrokenBodyRetriedThenTyped(int status)
    {
        // A body that says Content-Encoding: br but is plain JSON: .NET's Brotli decoder throws InvalidOperationException.
        await using var server = new RawSocketServer(_ => Answer.Complete(status, Sample, "Content-Encoding: br\r\n"));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 1));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(status, exception.StatusCode);
        var broken = Assert.IsType<InvalidDataException>(exception.InnerException);
        Assert.Contains("Content-Encoding", broken.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_HeadersLargerThanTheHandlerReads_AreNotRetriedAndNameTheCall()
    {
        // 80 KiB of headers, past the 64 KiB that the client's SocketsHttpHandler reads (MaxResponseHeadersLength).
        var headers = string.Concat(Enumerable.Range(0, 80).Select(index => $"X-Filler-{index}: {new string('x', 1000)}\r\n"));
        await using var server = RawSocketServer.Always(Answer.Complete(200, Sample, headers));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 3));
        var correlationId = Guid.NewGuid();
        using var scope = PartnerCenterCorrelation.BeginScope(correlationId);

        var exception = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(HttpRequestError.ConfigurationLimitExceeded, exception.HttpRequestError);
        Assert.Equal(65536, new SocketsHttpHandler().MaxResponseHeadersLength * 1024);
        var requestId = Assert.Single(server.Requests).Split("\r\n").Single(line => line.StartsWith("MS-RequestId:", StringComparison.OrdinalIgnoreCase))["MS-RequestId:".Length..].Trim();
        Assert.Contains("65536 bytes", exception.Message, StringComparison.Ordinal);
        Assert.Contains("did not retry", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"Request id: {requestId}, correlation id: {correlationId}.", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(200)]
    public async Task GetBatchJobStatusAsync_TerminalEscapesInIdHeaders_AreWrittenOutAndBounded(int status)
    {
        // A request id that colours a terminal and runs on for 10,000 characters, a correlation id that sets its title.
        var headers = $"MS-RequestId: abc\u001b[31mred{new string('x', 10_000)}\r\nMS-CorrelationId: \u001b]0;title\u0007\r\n";
        await using var server = RawSocketServer.Always(Answer.Complete(status, status == 200 ? Sample : """{"code":"500"}""", headers));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 0));

        var call = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        string? requestId, correlationId;
        if (status == 200)
        {
            var response = (await call).Response!;
            (requestId, correlationId) = (response.RequestId, response.CorrelationId);
        }
        else
        {
            var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => call);
            Assert.DoesNotContain(exception.Message, char.IsControl);
            Assert.Contains($"Request id: {exception.RequestId}, correlation id: {exception.CorrelationId}.", exception.Message, StringComparison.Ordinal);
            (requestId, correlationId) = (exception.RequestId, exception.CorrelationId);
        }

        Assert.Equal("abc\\u001B[31mred" + new string('x', 128 - "abc\u001b[31mred".Length) + "…(truncated)", requestId);
        Assert.Equal("\\u001B]0;title\\u0007", correlationId);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ServiceEchoesTheBareToken_NeitherMessageBodyHeadersNorLogsCarryIt()
    {
        RawSocketServer? server = null;
        server = new RawSocketServer(index =>
        {
            var token = AuthorizationOf(server!.Requests[index])["Bearer ".Length..];
            var body = $$"""{"code":"400","description":"The token {{token}} is not valid for this tenant"}""";
            return Answer.Complete(400, body, $"X-Echoed-Authorization: {token}\r\nWWW-Authenticate: Bearer error=\"invalid_token\", token=\"{token}\"\r\n");
        });
        await using var _ = server;
        using var logs = new CapturingLoggerProvider();
        using var loggerFactory = logs.CreateFactory();
        var options = server.Options(maxRetries: 0);
        options.LoggerFactory = loggerFactory;
        using var client = new BatchStatusClient(_credential, options);

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal("Bearer " + _credential.Token, AuthorizationOf(Assert.Single(server.Requests)));
        Assert.Equal(400, exception.StatusCode);
        Assert.Equal("The token (redacted) is not valid for this tenant", exception.ErrorDescription);
        Assert.DoesNotContain(_credential.Token, exception.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(_credential.Token, exception.ResponseBody, StringComparison.Ordinal);
        Assert.Equal("(redacted)", Assert.Single(exception.Headers["X-Echoed-Authorization"]));
        Assert.DoesNotContain(exception.Headers.SelectMany(header => header.Value), value => value.Contains(_credential.Token, StringComparison.Ordinal));
        Assert.NotEmpty(logs.Entries);
        Assert.DoesNotContain(_credential.Token, logs.AllText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_BodyBreaksOffAfterEchoingTheToken_KeepsWhatWasReadWithoutIt()
    {
        RawSocketServer? server = null;
        server = new RawSocketServer(index =>
        {
            var token = AuthorizationOf(server!.Requests[index])["Bearer ".Length..];
            var body = $$"""{"code":"500","description":"upstream rejected {{token}} and then the connection ended"}""";
            return Answer.BreakOff(500, body, body.Length - 10);
        });
        await using var _ = server;
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 0));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(500, exception.StatusCode);
        Assert.Contains("upstream rejected (redacted) and then", exception.ResponseBody, StringComparison.Ordinal);
        Assert.DoesNotContain(_credential.Token, exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ClientDisposedWhileTheBodyStalls_EndsWithObjectDisposedException()
    {
        await using var server = new RawSocketServer(_ => Answer.Stall(200, Sample, 30));
        var client = new BatchStatusClient(_credential, server.Options(maxRetries: 2));
        var call = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);
        Assert.Equal(1, await server.WaitForRequestsAsync(1));

        client.Dispose();

        // The attempt timeout (30 s) and the call timeout (100 s) are far off: only the disposal can end the call within the hang guard.
        await Assert.ThrowsAsync<ObjectDisposedException>(() => call.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(201)]
    [InlineData(204)]
    public async Task GetBatchJobStatusAsync_SuccessStatusOtherThan200_SaysSoWithoutTheContractsErrorText(int status)
    {
        await using var server = new RawSocketServer(_ => Answer.Complete(status, status == 204 ? string.Empty : Sample));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 2));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(status, exception.StatusCode);
        Assert.Contains("which is not the 200 (OK) this operation answers with", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PartnerCenterError", exception.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("11111111-2222-3333-4444-555555555555", true)]
    [InlineData("0127ED8EFF724983A3D8E8D8BD378932", false)]
    [InlineData("not a guid", false)]
    public async Task GetBatchJobStatusAsync_AnswerNamesAnotherBatch_IsTypedNotTakenForThisOne(string answeredId, bool refused)
    {
        var body = Sample.Replace(DocumentedIds.BatchTrackingId.ToString(), answeredId, StringComparison.Ordinal);
        await using var server = RawSocketServer.Always(Answer.Complete(200, body));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 2));

        var call = client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        if (!refused)
        {
            // The same batch written otherwise, or an id that is no GUID, is this batch's answer.
            Assert.Equal(answeredId, (await call).BatchTrackingId);
            return;
        }

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => call);
        Assert.Equal(200, exception.StatusCode);
        Assert.Contains($"it is the status of batch {answeredId}, not of the batch asked for ({DocumentedIds.BatchTrackingId})", exception.Message, StringComparison.Ordinal);
        Assert.Contains(answeredId, exception.ResponseBody, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("iso-8859-1")]
    [InlineData("\"utf-16\"")]
    [InlineData("utf-16BE")]
    [InlineData("utf-32")]
    public async Task GetBatchJobStatusAsync_BodyInTheCharsetItsContentTypeNames_IsReadAndKeptAsUtf8(string charset)
    {
        var json = """{"status":"finished","devicesStatus":[{"serialNumber":"MÜLLER-é","status":"finished"}]}""";
        var body = System.Text.Encoding.GetEncoding(charset.Trim('"')).GetBytes(json);
        await using var server = new RawSocketServer(_ => Answer.Complete(200, body, $"Content-Type: application/json; charset={charset}\r\n"));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 0));

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("MÜLLER-é", Assert.Single(details.DevicesStatus!).SerialNumber);
        Assert.Equal(json, details.Response!.Content.ToString());
        Assert.Empty(details.Response.UnreadValues);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_Utf16BodyAnnouncedOverTheBoundButWithinItInUtf8_IsRead()
    {
        var devices = string.Join(',', Enumerable.Range(0, 1000).Select(i => $$"""{"serialNumber":"SN-{{i:D5}}","status":"finished"}"""));
        var json = $$"""{"status":"finished","devicesStatus":[{{devices}}]}""";
        var body = System.Text.Encoding.Unicode.GetBytes(json);
        await using var server = new RawSocketServer(_ => Answer.Complete(200, body, "Content-Type: application/json; charset=utf-16\r\n"));
        var options = server.Options(maxRetries: 0);
        options.MaxResponseBodyBytes = 64 * 1024;
        using var client = new BatchStatusClient(_credential, options);
        Assert.InRange(options.MaxResponseBodyBytes, json.Length + 1, body.Length - 1);

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal(1000, details.DevicesStatus!.Count);
        Assert.Equal(json.Length, details.Response!.Content.ToMemory().Length);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_Utf16BodyOverTheBoundInUtf8_IsTooLargeAndNotRetried()
    {
        var json = $$"""{"status":"finished","batchTrackingId":"{{new string('x', 70 * 1024)}}"}""";
        await using var server = new RawSocketServer(_ => Answer.Complete(200, System.Text.Encoding.Unicode.GetBytes(json), "Content-Type: application/json; charset=utf-16\r\n"));
        var options = server.Options(maxRetries: 2);
        options.MaxResponseBodyBytes = 64 * 1024;
        using var client = new BatchStatusClient(_credential, options);

        var exception = await Assert.ThrowsAsync<PartnerCenterResponseTooLargeException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(64 * 1024, exception.MaxResponseBodyBytes);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("""{"code":"500","description":"Fehler: Gerät \ud800 nicht gefunden"}""", "500", null)]
    [InlineData("""{"co\ud800de":"500","description":"x"}""", null, null)]
    [InlineData("""{"code":"500","description":"Fehler: Gerät nicht gefunden"}""", "500", "Fehler: Gerät nicht gefunden")]
    public async Task GetBatchJobStatusAsync_ErrorBodyWithTextThatIsNone_IsTypedWithWhatCouldBeRead(string body, string? code, string? description)
    {
        await using var server = new RawSocketServer(_ => Answer.Complete(500, System.Text.Encoding.Latin1.GetBytes(body), "Content-Type: application/json; charset=iso-8859-1\r\n"));
        using var client = new BatchStatusClient(_credential, server.Options(maxRetries: 0));

        var exception = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId));

        Assert.Equal(500, exception.StatusCode);
        Assert.Equal((code, description), (exception.ErrorCode, exception.ErrorDescription));
        Assert.Equal(body, exception.ResponseBody);
    }

    private static string AuthorizationOf(string head) =>
        head.Split("\r\n").Single(line => line.StartsWith("Authorization: ", StringComparison.OrdinalIgnoreCase))["Authorization: ".Length..];
}
