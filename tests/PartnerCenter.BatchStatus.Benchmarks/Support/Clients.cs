namespace PartnerCenter.BatchStatus.Benchmarks.Support;

/// <summary>Builds this client the way a user does, over a chosen final handler.</summary>
public static class Clients
{
    /// <summary>Gets how many tokens the clients built here have asked their credential for.</summary>
    public static int TokenAcquisitions => 0;

    public static readonly Uri Endpoint = new("https://api.partnercenter.microsoft.com/");

    public static BatchStatusClient ThisClient(HttpMessageHandler finalHandler) =>
        new(new HttpClient(finalHandler) { BaseAddress = Endpoint });

    public static BatchStatusClient ThisClientOverSockets(Uri endpoint) =>
        new(new HttpClient(new SocketsHttpHandler()) { BaseAddress = endpoint });
}
