using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PartnerCenter.BatchStatus.Testing.Tests.Support;
using PartnerCenter.BatchStatus.TestSupport;

namespace PartnerCenter.BatchStatus.Testing.Tests;

/// <summary>The fake service as a whole, on both hosts: routes, unknown batches, throttling, the request log, disposal.</summary>
public sealed class FakeServiceTests
{
    public static TheoryData<string, string> HostsAndCasings => new()
    {
        { Host.InProcess, "batchJobStatus" }, { Host.InProcess, "batchjobstatus" }, { Host.InProcess, "BATCHJOBSTATUS" },
        { Host.WireMock, "batchJobStatus" }, { Host.WireMock, "batchjobstatus" }, { Host.WireMock, "BATCHJOBSTATUS" },
    };

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task AddDocumentedSample_ReadByTheClientFieldByField_AndServedAsTheContractsExampleFileByteForByte(string name)
    {
        using var host = new Host(name);
        host.Service.AddDocumentedSample();

        var details = await host.Client().GetBatchJobStatusAsync(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId);
        var body = await host.Http.GetStringAsync(new Uri($"v1/customers/{DocumentedSample.CustomerId}/batchJobStatus/{DocumentedSample.BatchTrackingId}", UriKind.Relative));

        Assert.Equal(("0127ed8e-ff72-4983-a3d8-e8d8bd378932", DeviceUploadStatus.Finished), (details.BatchTrackingId, details.Status));
        Assert.Equal((new DateTimeOffset(2017, 7, 25, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2017, 7, 25, 10, 10, 0, TimeSpan.Zero)), (details.StartedTime, details.CompletedTime));
        Assert.Equal("BatchUploadDetails", details.Attributes!.ObjectType);
        var device = Assert.Single(details.DevicesStatus!);
        Assert.Equal(((string?)null, "1234567890", "12345-67890-09876-54321-13579"), (device.DeviceId, device.SerialNumber, device.ProductKey));
        Assert.Equal(("finished_with_errors", "808", "ZtdDeviceAssignedToOtherTenant", "DeviceUploadDetails"), (device.Status, device.ErrorCode, device.ErrorDescription, device.Attributes!.ObjectType));
        Assert.Equal(FakePartnerCenterTransport.ServerId, details.Response!.GetHeader("MS-ServerId"));
        Assert.NotNull(details.Response.RequestId);
        Assert.NotNull(details.Response.GetHeader("MS-CV"));
        Assert.Equal(await File.ReadAllTextAsync(RepositoryFiles.DocumentedSample), body);
        Assert.Equal(body, DocumentedSample.Json);
        Assert.Equal(Guid.Parse("47021739-3426-40bf-9601-61b4b6d7c793"), DocumentedSample.CustomerId);
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task UnknownBatch_404WithAPartnerCenterErrorBody_QuotingIdsEvenWhenTheyAreNotGuids(string name)
    {
        using var host = new Host(name);
        host.Service.AddDocumentedSample();
        var customerId = Guid.NewGuid();
        var batchTrackingId = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => host.Client().GetBatchJobStatusAsync(customerId, batchTrackingId));
        using var notGuids = await host.Http.GetAsync(new Uri("v1/customers/some-customer/batchJobStatus/some-batch", UriKind.Relative));

        Assert.Equal((404, FakePartnerCenterTransport.UnknownBatchErrorCode), (error.StatusCode, error.ErrorCode));
        Assert.Contains(batchTrackingId.ToString(), error.ErrorDescription, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(error.ResponseBody!);
        Assert.Equal(["code", "description", "data", "source"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal((0, "PartnerFD"), (body.RootElement.GetProperty("data").GetArrayLength(), body.RootElement.GetProperty("source").GetString()));
        Assert.True(Guid.TryParse(error.RequestId, out _));
        Assert.True(Guid.TryParse(error.CorrelationId, out _));
        Assert.Equal(1, host.Service.CallsFor(customerId, batchTrackingId));
        Assert.Equal(HttpStatusCode.NotFound, notGuids.StatusCode);
        using var quoted = JsonDocument.Parse(await notGuids.Content.ReadAsStringAsync());
        Assert.Equal(FakePartnerCenterTransport.UnknownBatchErrorCode, quoted.RootElement.GetProperty("code").GetString());
        Assert.Equal("No batch with tracking id some-batch was found for customer some-customer.", quoted.RootElement.GetProperty("description").GetString());
    }

    [Theory]
    [MemberData(nameof(HostsAndCasings))]
    public async Task Get_PathInAnyCasing_ServesTheBatchEchoesTheRequestIdsAndLogsThePathAsSent(string name, string segment)
    {
        using var host = new Host(name);
        var batch = host.Service.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenQueued();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers/{batch.CustomerId}/{segment}/{batch.BatchTrackingId}");
        request.Headers.Add("MS-RequestId", "5bd1a0f1-1c8b-4bc4-9e4b-c0b7dd1f6a01");
        request.Headers.Add("MS-CorrelationId", "0e1c7a4e-3d86-4f7d-8f54-7a2d35b6c2a2");

        using var response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("5bd1a0f1-1c8b-4bc4-9e4b-c0b7dd1f6a01", Single(response.Headers, "MS-RequestId"));
        Assert.Equal("0e1c7a4e-3d86-4f7d-8f54-7a2d35b6c2a2", Single(response.Headers, "MS-CorrelationId"));
        Assert.Equal(FakePartnerCenterTransport.ServerId, Single(response.Headers, "MS-ServerId"));
        Assert.Equal(1, batch.Calls);
        Assert.Equal($"/v1/customers/{batch.CustomerId}/{segment}/{batch.BatchTrackingId}", Assert.Single(host.Service.Requests).Path);
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task Get_PathOfAnotherOperation_404AndNotCountedForTheBatch(string name)
    {
        using var host = new Host(name);
        var batch = host.Service.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenQueued();

        using var response = await host.Http.GetAsync(new Uri($"v1/customers/{batch.CustomerId}/deviceBatches", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, batch.Calls);
        var recorded = Assert.Single(host.Service.Requests);
        Assert.Equal(((Guid?)null, (Guid?)null), (recorded.CustomerId, recorded.BatchTrackingId));
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task Requests_RecordMethodExactPathIdsHeadersAndStatus_AndTheDefaultClientRetriesAThrottledPollOnce(string name)
    {
        using var host = new Host(name);
        var batch = host.Service.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenThrottle(TimeSpan.FromSeconds(1)).ThenQueued();
        Assert.Equal((0, 0), (batch.Calls, host.Service.CallsFor(Guid.NewGuid(), Guid.NewGuid())));
        Assert.Empty(host.Service.Requests);

        var details = await host.CreateClient().GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId);

        Assert.Equal(DeviceUploadStatus.Queued, details.Status);
        Assert.Equal([429, 200], host.Service.Requests.Select(r => r.StatusCode));
        Assert.Equal(2, batch.Calls);
        Assert.All(host.Service.Requests, request =>
        {
            Assert.Equal(("GET", $"/v1/customers/{batch.CustomerId:D}/batchJobStatus/{batch.BatchTrackingId:D}"), (request.Method, request.Path));
            Assert.Equal((batch.CustomerId, batch.BatchTrackingId), (request.CustomerId, request.BatchTrackingId));
            Assert.Equal("application/json", request.GetHeader("accept"));
            Assert.Equal("application/json", Assert.Single(request.Headers["ACCEPT"]));
            Assert.Null(request.GetHeader("X-Not-Sent"));
            Assert.Equal("Bearer " + host.Service.Credential.Token, request.GetHeader("Authorization"));
        });

        // One logical call: the retry repeats the request id.
        Assert.Single(host.Service.Requests.Select(r => r.GetHeader("MS-RequestId")).Distinct());
    }

    [Fact]
    public async Task Requests_AHeaderNamedOnTheContentAndOnTheRequest_IsRecordedOnceAndAnswered()
    {
        using var service = new FakePartnerCenterTransport();
        using var http = new HttpClient(service, disposeHandler: false) { BaseAddress = new Uri("https://api.partnercenter.microsoft.com/") };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers/{Guid.NewGuid()}/batchJobStatus/{Guid.NewGuid()}") { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("X-Twice", "on the request");
        Assert.True(request.Content.Headers.TryAddWithoutValidation("x-twice", "on the content"));

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("on the request", Assert.Single(service.Requests).GetHeader("X-Twice"));
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task Throttle_PerPartnerOrPerCustomer_429WithRetryAfterThatDoesNotReachTheBatch_UntilTheSecondIsOver(string name)
    {
        var clock = new FakeTimeProvider();
        using var host = new Host(name, clock);
        host.Service.Throttle(2, TimeSpan.FromSeconds(1.5), perCustomer: true);
        var first = host.Service.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenQueued();
        var second = host.Service.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenQueued();

        // The client pauses after a 429 for its Retry-After: on the real clock, so that only the service's clock is fake.
        var client = host.CreateClient(options => (options.Retry.MaxRetries, options.MaxRequestsPerSecond, options.TimeProvider) = (0, 0, TimeProvider.System));

        await client.GetBatchJobStatusAsync(first.CustomerId, first.BatchTrackingId);
        await client.GetBatchJobStatusAsync(first.CustomerId, first.BatchTrackingId);
        var throttled = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(first.CustomerId, first.BatchTrackingId));
        await client.GetBatchJobStatusAsync(second.CustomerId, second.BatchTrackingId); // another customer: counted apart
        host.Service.Throttle(1, TimeSpan.FromSeconds(1)); // now for the whole partner
        await client.GetBatchJobStatusAsync(second.CustomerId, second.BatchTrackingId);
        await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetBatchJobStatusAsync(first.CustomerId, first.BatchTrackingId));
        clock.Advance(TimeSpan.FromSeconds(1));
        await client.GetBatchJobStatusAsync(first.CustomerId, first.BatchTrackingId);

        Assert.Equal((429, TimeSpan.FromSeconds(2), "429"), (throttled.StatusCode, throttled.RetryAfter, throttled.ErrorCode));
        Assert.Equal((3, 2, 2), (first.Calls, second.Calls, host.Service.ThrottledCount));
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task Throttle_ABurstOfTheRateThenTheRateASecond_EachRequestStampedWithItsArrival(string name)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));
        using var host = new Host(name, clock);
        host.Service.Throttle(4, TimeSpan.FromSeconds(1));
        var batch = host.Service.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenQueued();
        var client = host.CreateClient(options => (options.Retry.MaxRetries, options.MaxRequestsPerSecond, options.TimeProvider) = (0, 0, TimeProvider.System));
        async Task<int> SendAsync(int count)
        {
            var throttled = 0;
            for (var i = 0; i < count; i++)
            {
                try
                {
                    await client.GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId);
                }
                catch (PartnerCenterApiException exception) when (exception.StatusCode == 429)
                {
                    throttled++;
                }
            }

            return throttled;
        }

        // Four at once, then one each quarter second: half a second later, two more.
        var burst = await SendAsync(5);
        clock.Advance(TimeSpan.FromMilliseconds(500));
        var later = await SendAsync(3);

        Assert.Equal((1, 1, 6), (burst, later, batch.Calls));
        Assert.Equal(8, host.Service.Requests.Count);
        Assert.Equal(clock.Start, host.Service.Requests[0].ReceivedAt);
        Assert.Equal(clock.Start.AddMilliseconds(500), host.Service.Requests[^1].ReceivedAt);
    }

    [Theory]
    [MemberData(nameof(Host.Both), MemberType = typeof(Host))]
    public async Task Dispose_StopsTheServiceAndTheClientsItMade(string name)
    {
        var host = new Host(name);
        var batch = host.Service.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenQueued();
        var client = host.CreateClient();
        await client.GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId);

        host.Dispose();
        host.Service.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId));
        Assert.Throws<ObjectDisposedException>(() => host.CreateClient());
        Assert.Throws<ObjectDisposedException>(() => host.Service.AddBatch(Guid.NewGuid(), Guid.NewGuid()));
        Assert.Throws<ObjectDisposedException>(() => batch.ThenFinished());
    }

    [Fact]
    public async Task WireMockHost_TwoFakes_ListenOnLoopbackOnDifferentFreePorts_AndRefuseConnectionsOnceDisposed()
    {
        var first = FakePartnerCenter.Start();
        await using var second = FakePartnerCenter.Start();
        using var http = new HttpClient { BaseAddress = first.Endpoint };

        Assert.Equal(("http", "127.0.0.1", "/"), (first.Endpoint.Scheme, first.Endpoint.Host, first.Endpoint.AbsolutePath));
        Assert.NotEqual(0, first.Endpoint.Port);
        Assert.NotEqual(first.Endpoint.Port, second.Endpoint.Port);
        first.Dispose();
        await first.DisposeAsync();
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("v1/customers", UriKind.Relative)));
    }

    [Fact]
    public void AddBatch_SameBatchTwiceOrEmptyIds_Throw()
    {
        using var service = new FakePartnerCenterTransport();
        var customerId = Guid.NewGuid();
        var batchTrackingId = Guid.NewGuid();
        service.AddBatch(customerId, batchTrackingId);

        Assert.Throws<InvalidOperationException>(() => service.AddBatch(customerId, batchTrackingId));
        Assert.Throws<InvalidOperationException>(() => { service.AddDocumentedSample(); service.AddDocumentedSample(); });
        Assert.Equal("customerId", Assert.Throws<ArgumentException>(() => service.AddBatch(Guid.Empty, Guid.NewGuid())).ParamName);
        Assert.Equal("batchTrackingId", Assert.Throws<ArgumentException>(() => service.AddBatch(Guid.NewGuid(), Guid.Empty)).ParamName);
    }

    [Fact]
    public void Kit_TheEnginePackage_ReferencesNoWireMockAssembly() =>
        Assert.DoesNotContain(typeof(FakePartnerCenterTransport).Assembly.GetReferencedAssemblies(), assembly => assembly.Name!.StartsWith("WireMock", StringComparison.Ordinal));

    private static string Single(HttpResponseHeaders headers, string name) => Assert.Single(headers.GetValues(name));
}
