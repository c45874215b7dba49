using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using PartnerCenter.BatchStatus.Serialization;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Models;

/// <summary>
/// Hostile shapes of a 200, over real HTTP: the client reads what it can, and every value it could not read is named
/// by its JSON path in <c>Response.UnreadValues</c>, in a warning log line and in a metric, while <c>Response.Content</c>
/// keeps the body as received.
/// </summary>
public sealed class UnreadValuesTests : IDisposable
{
    private readonly FakePartnerCenter _server = FakePartnerCenter.Start();
    private readonly CapturingLoggerProvider _logs = new();
    private readonly TestMeterFactory _meters = new();

    public void Dispose()
    {
        _server.Dispose();
        _logs.Dispose();
        _meters.Dispose();
    }

    public static TheoryData<string, string[]> Shapes => new()
    {
        // The documented sample, and what is no value: nothing is unread.
        { RepositoryFiles.ReadDocumentedSample(), [] },
        { """{"status":"finished","startedTime":null,"completedTime":"","devicesStatus":null,"attributes":null}""", [] },

        // Scalars of another kind are read as text; members the contract does not declare are kept in AdditionalProperties.
        { """{"status":7,"batchTrackingId":true,"devicesStatus":[{"errorCode":808,"serialNumber":12.5}],"shippedBy":{"carrier":"x"}}""", [] },

        { """{"status":"processing","startedTime":"yesterday"}""", ["$.startedTime"] },
        { """{"status":"processing","startedTime":42,"completedTime":["soon"]}""", ["$.startedTime", "$.completedTime"] },
        { """{"status":"finished","devicesStatus":{"serialNumber":"SN-1","status":"finished"}}""", ["$.devicesStatus"] },
        { """{"status":"finished","devicesStatus":"none"}""", ["$.devicesStatus"] },
        {
            """{"status":"finished","devicesStatus":[{"serialNumber":"SN-1"},42,null,"SN-3",{"serialNumber":"SN-5","status":{"code":"finished"}},[]]}""",
            ["$.devicesStatus[1]", "$.devicesStatus[2]", "$.devicesStatus[3]", "$.devicesStatus[4].status", "$.devicesStatus[5]"]
        },
        { """{"status":{"value":"finished"},"batchTrackingId":["x"]}""", ["$.status", "$.batchTrackingId"] },
        { """{"attributes":"BatchUploadDetails","devicesStatus":[{"attributes":{"objectType":{"name":"DeviceUploadDetails"}}}]}""", ["$.attributes", "$.devicesStatus[0].attributes.objectType"] },

        // A property sent twice keeps only its last value: the first is not read (names are matched in any case).
        { """{"status":"finished","status":"queued"}""", ["$.status"] },
        { """{"status":"finished","Status":"queued"}""", ["$.status"] },
        { "{\"" + new string('S', 300) + "\":1,\"STATUS\":\"finished\",\"status\":\"queued\"}", ["$.status"] },

        // Strings that are no text (a lone surrogate escaped) are values not read, never a failed call.
        { """{"status":"finished","startedTime":"\ud800","devicesStatus":[{"serialNumber":"\udc00","errorCode":"80\ud8008"}]}""", ["$.startedTime", "$.devicesStatus[0].serialNumber", "$.devicesStatus[0].errorCode"] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task GetBatchJobStatusAsync_HostileShape_NamesEachValueNotRead(string body, string[] unread)
    {
        using var client = ClientAnswering(body);

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal(unread, details.Response!.UnreadValues);
        Assert.Equal(body, details.Response.Content.ToString());
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_NamesInAnotherCase_AreReadAsTheContractsNames()
    {
        using var client = ClientAnswering("""{"Status":"finished","DevicesStatus":[{"SerialNumber":"SN-1","STATUS":"finished_with_errors","errorcode":"808"}]}""");

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("finished", details.Status);
        var device = Assert.Single(details.DevicesStatus!);
        Assert.Equal(("SN-1", "finished_with_errors", "808"), (device.SerialNumber, device.Status, device.ErrorCode));
        Assert.Empty(details.AdditionalProperties);
        Assert.Empty(details.Response!.UnreadValues);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_DevicesThatAreNotObjects_KeepsTheOthersAndNamesTheRest()
    {
        using var client = ClientAnswering("""{"status":"finished","devicesStatus":[{"serialNumber":"SN-1"},"SN-2",{"serialNumber":"SN-3","startedTime":"x"}]}""");

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal(["SN-1", "SN-3"], details.DevicesStatus!.Select(device => device.SerialNumber));
        Assert.Equal(["$.devicesStatus[1]"], details.Response!.UnreadValues);
        Assert.True(details.DevicesStatus![1].AdditionalProperties.ContainsKey("startedTime"));
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_UnreadValues_AreLoggedByPathNeverByValueAndCounted()
    {
        using var unreadCounter = new MetricCollector<long>(_meters, "PartnerCenter.BatchStatus", "partnercenter.batch_status.unread_values");
        using var client = ClientAnswering("""{"status":"processing","startedTime":"yesterday-secret","devicesStatus":[{"serialNumber":"SN-1"},"SN-2-secret"]}""");

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        var warning = Assert.Single(_logs.Entries, entry => entry.EventId.Name == "ValuesNotRead");
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal(2, warning["UnreadCount"]);
        Assert.Equal("$.startedTime, $.devicesStatus[1]", warning["UnreadPaths"]);
        Assert.Equal(details.Response!.RequestId, warning["RequestId"]);
        Assert.DoesNotContain("secret", _logs.AllText(), StringComparison.Ordinal);
        Assert.Equal(2, unreadCounter.GetMeasurementSnapshot().EvaluateAsCounter());
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_EverythingRead_LogsNoWarningAndCountsNothing()
    {
        using var unreadCounter = new MetricCollector<long>(_meters, "PartnerCenter.BatchStatus", "partnercenter.batch_status.unread_values");
        using var client = ClientAnswering(RepositoryFiles.ReadDocumentedSample());

        await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.DoesNotContain(_logs.Entries, entry => entry.EventId.Name == "ValuesNotRead");
        Assert.Empty(unreadCounter.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_ManyUnreadValues_LogsTheFirstTwentyPathsAndHowManyMore()
    {
        var devices = string.Join(',', Enumerable.Range(0, 25).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var client = ClientAnswering($$"""{"status":"finished","devicesStatus":[{{devices}}]}""");

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal(25, details.Response!.UnreadValues.Count);
        var paths = (string)Assert.Single(_logs.Entries, entry => entry.EventId.Name == "ValuesNotRead")["UnreadPaths"]!;
        Assert.StartsWith("$.devicesStatus[0], $.devicesStatus[1], ", paths, StringComparison.Ordinal);
        Assert.EndsWith("$.devicesStatus[19] and 5 more", paths, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_MoreUnreadValuesThanItLists_KeepsTheFirstThousandPathsAndCountsThemAll()
    {
        // 200,000 devices that are not objects: 400 KB on the wire, which as paths would take about 16 MB.
        using var unreadCounter = new MetricCollector<long>(_meters, "PartnerCenter.BatchStatus", "partnercenter.batch_status.unread_values");
        using var client = ClientAnswering($$"""{"status":"finished","devicesStatus":[{{string.Join(',', Enumerable.Repeat('1', 200_000))}},{"serialNumber":"SN-1","startedTime":"x"}]}""");

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal("SN-1", Assert.Single(details.DevicesStatus!).SerialNumber);
        Assert.Equal(UnreadValues.MaxPathsKept, details.Response!.UnreadValues.Count);
        Assert.Equal(Enumerable.Range(0, UnreadValues.MaxPathsKept).Select(i => $"$.devicesStatus[{i}]"), details.Response.UnreadValues);
        Assert.Equal(200_000, details.Response.UnreadValueCount);
        Assert.Equal(200_000, unreadCounter.GetMeasurementSnapshot().EvaluateAsCounter());
        var warning = Assert.Single(_logs.Entries, entry => entry.EventId.Name == "ValuesNotRead");
        Assert.Equal(200_000, warning["UnreadCount"]);
        Assert.EndsWith("$.devicesStatus[19] and 199980 more", (string)warning["UnreadPaths"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CompressedBody_ContentIsTheBodyAfterDecompression()
    {
        var body = """{"status":"finished","completedTime":"later"}""";
        await using var server = new RawSocketServer(_ => RawSocketServer.Answer.Complete(200, Gzip(body), "Content-Encoding: gzip\r\n"));
        using var client = new BatchStatusClient(new TestTokenCredential(), server.Options());

        var details = await client.GetBatchJobStatusAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

        Assert.Equal(body, details.Response!.Content.ToString());
        Assert.Equal(["$.completedTime"], details.Response.UnreadValues);
    }

    [Fact]
    public void DetailsReadFromSavedJson_HaveNoResponse()
    {
        // Saved JSON is read with the same tolerance, but no call was made: there is no Response to report in. To keep
        // what the models could not hold, save Response.Content (the body as received) rather than the models.
        var details = JsonSerializer.Deserialize("""{"startedTime":"yesterday"}""", BatchStatusJson.BatchUploadDetails)!;

        Assert.Null(details.StartedTime);
        Assert.Null(details.Response);
    }

    private BatchStatusClient ClientAnswering(string body)
    {
        _server.AddBatch(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId).ThenRespond(200, body);
        var options = Kit.OptionsFor(_server);
        options.LoggerFactory = _logs.CreateFactory();
        options.MeterFactory = _meters;
        return new BatchStatusClient(new TestTokenCredential(), options);
    }

    private static byte[] Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return output.ToArray();
    }
}
