using System.Net;
using System.Net.Sockets;
using System.Text;
using PartnerCenter.BatchStatus.Cli.Tests.Support;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Status;

/// <summary>Failures of the service become one error line (with the request and correlation ids) and their exit code.</summary>
public sealed class ServiceErrorTests : IDisposable
{
    private static readonly Guid Batch = Guid.Parse("3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d");

    private readonly FakeServiceFactory _service = new(options => options.Retry.MaxRetries = 0);

    public void Dispose() => _service.Dispose();

    [Fact]
    public async Task Status_UnknownBatch_ServiceErrorWithTheIdsOfTheCall()
    {
        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString());

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.Empty(run.Output);
        var line = Assert.Single(run.ErrorLines);
        var request = Assert.Single(_service.Fake.Requests);
        Assert.StartsWith("pcbatch: error: Partner Center answered 404 (NotFound). Error NotFound: ", line, StringComparison.Ordinal);
        Assert.Contains($"Request id: {request.GetHeader("MS-RequestId")}, correlation id: {request.GetHeader("MS-CorrelationId")}.", line, StringComparison.Ordinal);
        Assert.EndsWith("Check both ids: a batch is found only under the customer whose devices were uploaded.", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "900421", "Multi-factor authentication is required.", "requires multi-factor authentication")]
    [InlineData(401, "401", "Unauthorized.", "Check the sign-in")]
    [InlineData(403, "403", "Forbidden.", "lacks the Admin agent or Sales agent role")]
    [InlineData(400, "600008", "The batch tracking id is malformed.", "Error 600008: The batch tracking id is malformed.")]
    [InlineData(500, "500", "Internal error.", "Partner Center had a problem")]
    public async Task Status_ErrorStatus_ServiceErrorInOneLine(int status, string code, string description, string expected)
    {
        _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch).ThenFail(status, code, description);

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString());

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains($"Partner Center answered {status} ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Contains("Request id: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at PartnerCenter.", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gateway page", "pcbatch: error: Partner Center answered 502 (BadGateway)")]
    [InlineData("truncated body", "pcbatch: error: Partner Center answered 200 (OK), but its body could not be read")]
    public async Task Status_AnswerThatIsNoPartnerCenterBody_ServiceErrorInOneLine(string answer, string expected)
    {
        var batch = _service.Fake.AddBatch(DocumentedSample.CustomerId, Batch);
        _ = answer == "gateway page" ? batch.ThenHtml(502) : batch.ThenMalformedBody();

        var run = await CliRun.RunAsync(_service, TestIds.AppOnlyVariables(), "status", TestIds.Customer, Batch.ToString());

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.StartsWith(expected, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.DoesNotContain("<html", run.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Status_SlowerThanTheClientTimeout_TimeoutExitCode()
    {
        using var slow = new FakeServiceFactory(options =>
        {
            options.Retry.MaxRetries = 0;
            options.Timeout = TimeSpan.FromMilliseconds(200);
        });
        slow.Fake.AddDocumentedSample().WithDelay(TimeSpan.FromSeconds(20));

        var run = await CliRun.RunAsync(slow, TestIds.AppOnlyVariables(), "status", TestIds.Customer, TestIds.DocumentedBatch);

        Assert.Equal(ExitCodes.Timeout, run.ExitCode);
        Assert.StartsWith("pcbatch: error: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ServiceUnreachable_ServiceErrorInOneLine()
    {
        var unreachable = new LoopbackServiceFactory();

        var run = await CliRun.RunAsync(unreachable, TestIds.AppOnlyVariables(), "status", TestIds.Customer, TestIds.DocumentedBatch);

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        Assert.StartsWith("pcbatch: error: Partner Center could not be reached: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_AnswerWithMoreHeadersThanTheClientReads_ServiceErrorNamingTheCall()
    {
        // A loopback server whose every answer has 80 KiB of headers, past the 64 KiB the client reads.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var serving = Task.Run(async () =>
        {
            using var connection = await listener.AcceptTcpClientAsync();
            var stream = connection.GetStream();
            var request = new List<byte>();
            var buffer = new byte[4096];
            while (request.Count < 4 || !request[^4..].SequenceEqual("\r\n\r\n"u8.ToArray()))
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    return;
                }

                request.AddRange(buffer[..read]);
            }

            var filler = string.Concat(Enumerable.Range(0, 80).Select(index => $"X-Filler-{index}: {new string('x', 1000)}\r\n"));
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n{filler}\r\n{{}}"));
        });

        var run = await CliRun.RunAsync(
            new LoopbackServiceFactory(((IPEndPoint)listener.LocalEndpoint).Port), TestIds.AppOnlyVariables(), "status", TestIds.Customer, TestIds.DocumentedBatch);
        await serving.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(ExitCodes.ServiceError, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("pcbatch: error: Partner Center's answer could not be read: ", line, StringComparison.Ordinal);
        Assert.Matches("Request id: [0-9a-f-]{36}, correlation id: [0-9a-f-]{36}\\.", line);
    }

    [Fact]
    public async Task Status_FaultOfTheTool_InternalErrorInOneLineWithoutStackTrace()
    {
        var run = await CliRun.RunAsync(FakeServiceFactory.Refusing(), TestIds.AppOnlyVariables(), "status", TestIds.Customer, TestIds.DocumentedBatch);

        Assert.Equal(ExitCodes.InternalError, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.Equal("pcbatch: error: Unexpected InvalidOperationException: This test must not reach the service. This is a fault of pcbatch: please report it.", line);
    }
}
