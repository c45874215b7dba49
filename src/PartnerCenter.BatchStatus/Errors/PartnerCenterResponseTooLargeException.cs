using System.Globalization;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// Partner Center answered 200, but with a body larger than <see cref="BatchStatusClientOptions.MaxResponseBodyBytes"/>
/// (counted after decompression). The client stopped reading at that bound and did not retry: the same answer would
/// come again.
/// </summary>
/// <remarks>
/// <see cref="PartnerCenterApiException.StatusCode"/> is the answer's status (200), and the request and correlation ids
/// are those of the call, as for any <see cref="PartnerCenterApiException"/>. The message names the option to raise
/// when the batch really is that large.
/// </remarks>
public sealed class PartnerCenterResponseTooLargeException : PartnerCenterApiException
{
    internal PartnerCenterResponseTooLargeException(
        int statusCode,
        long maxResponseBodyBytes,
        IReadOnlyDictionary<string, IEnumerable<string>> headers,
        string sentRequestId,
        string sentCorrelationId,
        DateTimeOffset now)
        : base(Explain(maxResponseBodyBytes), statusCode, null, headers, null, sentRequestId, sentCorrelationId, now)
    {
        MaxResponseBodyBytes = maxResponseBodyBytes;
    }

    /// <summary>Gets the bound that the body exceeded, in bytes: the client's <see cref="BatchStatusClientOptions.MaxResponseBodyBytes"/>.</summary>
    public long MaxResponseBodyBytes { get; }

    private static string Explain(long bound) => string.Create(
        CultureInfo.InvariantCulture,
        $"the body is larger than {bound:N0} bytes ({nameof(BatchStatusClientOptions)}.{nameof(BatchStatusClientOptions.MaxResponseBodyBytes)}); the client stopped reading it and did not retry. If the batch really is that large, raise {nameof(BatchStatusClientOptions)}.{nameof(BatchStatusClientOptions.MaxResponseBodyBytes)}");
}
