using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Testing.Tests;

public sealed class FakePartnerCenterTests
{
    [Fact]
    public async Task Start_TwoFakes_ListenOnLoopbackOnDifferentFreePorts()
    {
        await using var first = FakePartnerCenter.Start();
        await using var second = FakePartnerCenter.Start();

        Assert.Equal("127.0.0.1", first.Endpoint.Host);
        Assert.Equal("http", first.Endpoint.Scheme);
        Assert.Equal("/", first.Endpoint.AbsolutePath);
        Assert.NotEqual(0, first.Endpoint.Port);
        Assert.NotEqual(first.Endpoint.Port, second.Endpoint.Port);
    }

    [Fact]
    public async Task AddDocumentedSample_ClientReadsIt_EveryFieldOfTheExample()
    {
        await using var fake = FakePartnerCenter.Start();
        fake.AddDocumentedSample();

        var details = await fake.CreateClient().GetBatchJobStatusAsync(DocumentedSample.CustomerId, DocumentedSample.BatchTrackingId);

        Assert.Equal("0127ed8e-ff72-4983-a3d8-e8d8bd378932", details.BatchTrackingId);
        Assert.Equal("finished", details.Status);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 10, 0, 0, TimeSpan.Zero), details.StartedTime);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 10, 10, 0, TimeSpan.Zero), details.CompletedTime);
        Assert.Equal("BatchUploadDetails", details.Attributes!.ObjectType);
        var device = Assert.Single(details.DevicesStatus!);
        Assert.Null(device.DeviceId);
        Assert.Equal("1234567890", device.SerialNumber);
        Assert.Equal("12345-67890-09876-54321-13579", device.ProductKey);
        Assert.Equal("finished_with_errors", device.Status);
        Assert.Equal("808", device.ErrorCode);
        Assert.Equal("ZtdDeviceAssignedToOtherTenant", device.ErrorDescription);
        Assert.Equal("DeviceUploadDetails", device.Attributes!.ObjectType);
        Assert.Equal(FakePartnerCenter.ServerId, details.Response!.GetHeader(PartnerCenterHeaderNames.ServerId));
        Assert.NotNull(details.Response.GetHeader(PartnerCenterHeaderNames.CorrelationVector));
    }

    [Fact]
    public async Task AddDocumentedSample_RawResponse_IsTheContractsExampleFileByteForByte()
    {
        await using var fake = FakePartnerCenter.Start();
        fake.AddDocumentedSample();
        using var http = new HttpClient { BaseAddress = fake.Endpoint };

        var body = await http.GetStringAsync(new Uri($"v1/customers/{DocumentedSample.CustomerId}/batchJobStatus/{DocumentedSample.BatchTrackingId}", UriKind.Relative));

        Assert.Equal(await File.ReadAllTextAsync(RepositoryFiles.DocumentedSample), body);
        Assert.Equal(body, DocumentedSample.Json);
        Assert.Equal(Guid.Parse("47021739-3426-40bf-9601-61b4b6d7c793"), DocumentedSample.CustomerId);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_UnknownBatch_ThrowsNotFoundWithAPartnerCenterErrorBody()
    {
        await using var fake = FakePartnerCenter.Start();
        fake.AddDocumentedSample();
        var customerId = Guid.NewGuid();
        var batchTrackingId = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<PartnerCenterApiException>(() => fake.CreateClient().GetBatchJobStatusAsync(customerId, batchTrackingId));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal(FakePartnerCenter.UnknownBatchErrorCode, error.ErrorCode);
        Assert.Contains(batchTrackingId.ToString(), error.ErrorDescription, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(error.ResponseBody!);
        Assert.Equal(["code", "description", "data", "source"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(0, body.RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal("PartnerFD", body.RootElement.GetProperty("source").GetString());
        Assert.True(Guid.TryParse(error.RequestId, out _));
        Assert.True(Guid.TryParse(error.CorrelationId, out _));
        Assert.Equal(1, fake.CallsFor(customerId, batchTrackingId));
    }

    [Theory]
    [InlineData("batchJobStatus")]
    [InlineData("batchjobstatus")]
    [InlineData("BATCHJOBSTATUS")]
    public async Task Get_PathInAnyCasing_ServesTheBatchAndEchoesTheRequestIds(string segment)
    {
        await using var fake = FakePartnerCenter.Start();
        var batch = fake.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenQueued();
        using var http = new HttpClient { BaseAddress = fake.Endpoint };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v1/customers/{batch.CustomerId}/{segment}/{batch.BatchTrackingId}");
        request.Headers.Add(PartnerCenterHeaderNames.RequestId, "5bd1a0f1-1c8b-4bc4-9e4b-c0b7dd1f6a01");
        request.Headers.Add(PartnerCenterHeaderNames.CorrelationId, "0e1c7a4e-3d86-4f7d-8f54-7a2d35b6c2a2");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("5bd1a0f1-1c8b-4bc4-9e4b-c0b7dd1f6a01", Single(response.Headers, PartnerCenterHeaderNames.RequestId));
        Assert.Equal("0e1c7a4e-3d86-4f7d-8f54-7a2d35b6c2a2", Single(response.Headers, PartnerCenterHeaderNames.CorrelationId));
        Assert.Equal(FakePartnerCenter.ServerId, Single(response.Headers, PartnerCenterHeaderNames.ServerId));
        Assert.Equal(1, batch.Calls);
        Assert.Equal($"/v1/customers/{batch.CustomerId}/{segment}/{batch.BatchTrackingId}", Assert.Single(fake.Requests).Path);
    }

    [Fact]
    public async Task Get_PathOfAnotherOperation_IsNotCountedForTheBatch()
    {
        await using var fake = FakePartnerCenter.Start();
        var batch = fake.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenQueued();
        using var http = new HttpClient { BaseAddress = fake.Endpoint };

        using var response = await http.GetAsync(new Uri($"v1/customers/{batch.CustomerId}/deviceBatches", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, batch.Calls);
        var recorded = Assert.Single(fake.Requests);
        Assert.Null(recorded.CustomerId);
        Assert.Null(recorded.BatchTrackingId);
    }

    [Fact]
    public async Task Get_UnknownBatchWhoseIdsAreNotGuids_AnswersNotFoundQuotingThem()
    {
        await using var fake = FakePartnerCenter.Start();
        using var http = new HttpClient { BaseAddress = fake.Endpoint };

        using var response = await http.GetAsync(new Uri("v1/customers/some-customer/batchJobStatus/some-batch", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(FakePartnerCenter.UnknownBatchErrorCode, body.RootElement.GetProperty("code").GetString());
        Assert.Equal("No batch with tracking id some-batch was found for customer some-customer.", body.RootElement.GetProperty("description").GetString());
    }

    [Fact]
    public void AddBatch_SameBatchTwice_Throws()
    {
        using var fake = FakePartnerCenter.Start();
        var customerId = Guid.NewGuid();
        var batchTrackingId = Guid.NewGuid();
        fake.AddBatch(customerId, batchTrackingId);

        Assert.Throws<InvalidOperationException>(() => fake.AddBatch(customerId, batchTrackingId));
        Assert.Throws<InvalidOperationException>(() => { fake.AddDocumentedSample(); fake.AddDocumentedSample(); });
    }

    [Fact]
    public void AddBatch_EmptyIds_Throw()
    {
        using var fake = FakePartnerCenter.Start();

        Assert.Equal("customerId", Assert.Throws<ArgumentException>(() => fake.AddBatch(Guid.Empty, Guid.NewGuid())).ParamName);
        Assert.Equal("batchTrackingId", Assert.Throws<ArgumentException>(() => fake.AddBatch(Guid.NewGuid(), Guid.Empty)).ParamName);
    }

    [Fact]
    public async Task Dispose_StopsTheServiceAndTheClientsItMade()
    {
        var fake = FakePartnerCenter.Start();
        var batch = fake.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenQueued();
        var client = fake.CreateClient();
        using var http = new HttpClient { BaseAddress = fake.Endpoint };
        await client.GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId);

        fake.Dispose();
        fake.Dispose();
        await fake.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => client.GetBatchJobStatusAsync(batch.CustomerId, batch.BatchTrackingId));
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("v1/customers", UriKind.Relative)));
        Assert.Throws<ObjectDisposedException>(() => fake.CreateClient());
        Assert.Throws<ObjectDisposedException>(() => fake.AddBatch(Guid.NewGuid(), Guid.NewGuid()));
        Assert.Throws<ObjectDisposedException>(() => batch.ThenFinished());
    }

    [Fact]
    public async Task DisposeAsync_StopsTheService()
    {
        var fake = FakePartnerCenter.Start();
        using var http = new HttpClient { BaseAddress = fake.Endpoint };

        await fake.DisposeAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(new Uri("v1/customers", UriKind.Relative)));
    }

    private static string Single(HttpResponseHeaders headers, string name) => Assert.Single(headers.GetValues(name));
}
