using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>A WireMock server on loopback only, on a free port.</summary>
internal static class LoopbackServer
{
    public static WireMockServer Start(string host = "127.0.0.1") =>
        WireMockServer.Start(new WireMockServerSettings { Urls = [$"http://{host}:0"] });

    public static Uri BaseAddress(this WireMockServer server) => new(server.Urls![0].TrimEnd('/') + "/");

    public static string StatusPath(Guid customerId, Guid batchTrackingId) =>
        $"/v1/customers/{customerId}/batchJobStatus/{batchTrackingId}";

    public static string DocumentedPath => StatusPath(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId);

    /// <summary>Gets the value of a request header as the server received it, or null.</summary>
    public static string? Header(this ILogEntry entry, string name)
    {
        var headers = entry.RequestMessage!.Headers;
        if (headers is null)
        {
            return null;
        }

        foreach (var header in headers)
        {
            if (string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return string.Join(", ", header.Value);
            }
        }

        return null;
    }

    /// <summary>Options for a client of <paramref name="server"/>, with tiny retry delays.</summary>
    public static BatchStatusClientOptions OptionsFor(WireMockServer server) => new()
    {
        Endpoint = server.BaseAddress(),
        AllowInsecureLoopbackEndpoint = true,
        Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) },
    };
}
