namespace PartnerCenter.BatchStatus.Tests.Support;

internal static class TransportOptions
{
    /// <summary>Sets <see cref="BatchStatusClientOptions.Transport"/>: the client's whole pipeline then runs over <paramref name="transport"/>.</summary>
    public static BatchStatusClientOptions WithTransport(this BatchStatusClientOptions options, HttpMessageHandler transport)
    {
        options.Transport = transport;
        return options;
    }
}
