using System.Globalization;
using System.Net;
using System.Text.Json;
using Azure.Core;
using PartnerCenter.BatchStatus;
using PartnerCenter.BatchStatus.Serialization;

// Reads the documented sample twice after trimming: through the whole client (over an in-memory transport)
// and through the reflection-free JsonTypeInfo; prints what a trimmed-away model would lose.
var sample = ReadSample();

using var client = new BatchStatusClient(new StaticCredential(), new BatchStatusClientOptions { Transport = new SampleHandler(sample) });
Print("client", await client.GetBatchJobStatusAsync(Guid.Parse("47021739-3426-40bf-9601-61b4b6d7c793"), Guid.Parse("0127ed8e-ff72-4983-a3d8-e8d8bd378932")));
Print("json", JsonSerializer.Deserialize(sample, BatchStatusJson.BatchUploadDetails)!);
return 0;

static void Print(string path, BatchUploadDetails details)
{
    var device = details.DevicesStatus!.Single();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{path}: {details.BatchTrackingId} {details.Status} {details.StartedTime:O} {details.CompletedTime:O} {device.SerialNumber} {device.Status} {device.ErrorCode} {device.ErrorDescription} {details.Summarize()}"));
}

static byte[] ReadSample()
{
    using var stream = typeof(SampleHandler).Assembly.GetManifestResourceStream("documented-sample.json")!;
    using var copy = new MemoryStream();
    stream.CopyTo(copy);
    return copy.ToArray();
}

internal sealed class SampleHandler(byte[] body) : HttpMessageHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body), RequestMessage = request });
}

internal sealed class StaticCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new("trimmed-consumer-token", DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
