using System.Net.Http.Headers;
using PartnerCenter.BatchStatus.Errors;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// What Partner Center said about a successful call besides what the models hold: the ids to quote to support, how
/// long it asked to wait before the next call, the body as received and the values of it that were not read.
/// </summary>
public sealed class PartnerCenterResponseInfo
{
    private static readonly BinaryData Empty = new(ReadOnlyMemory<byte>.Empty);

    private readonly HttpResponseHeaders _headers;

    internal PartnerCenterResponseInfo(
        int statusCode,
        HttpResponseHeaders headers,
        string? sentRequestId,
        string? sentCorrelationId,
        DateTimeOffset received,
        BinaryData? content = null,
        IReadOnlyList<string>? unreadValues = null,
        int unreadValueCount = 0)
    {
        StatusCode = statusCode;
        Content = content ?? Empty;
        UnreadValues = unreadValues ?? [];
        UnreadValueCount = Math.Max(unreadValueCount, UnreadValues.Count);
        _headers = headers;
        RequestId = PartnerCenterHeaderValues.Id(headers, PartnerCenterHeaderNames.RequestId) ?? sentRequestId;
        CorrelationId = PartnerCenterHeaderValues.Id(headers, PartnerCenterHeaderNames.CorrelationId) ?? sentCorrelationId;
        RetryAfter = PartnerCenterHeaderValues.RetryAfter(headers.RetryAfter, received);
    }

    /// <summary>Gets the HTTP status code of the response.</summary>
    public int StatusCode { get; }

    /// <summary>
    /// Gets the <c>MS-RequestId</c> of the call: the one the service answered with (its control characters written as <c>\u001B</c>, at most 128 characters kept), or else the
    /// one the client sent.
    /// </summary>
    public string? RequestId { get; }

    /// <summary>
    /// Gets the <c>MS-CorrelationId</c> of the call: the one the service answered with (its control characters written as <c>\u001B</c>, at most 128 characters kept), or else the
    /// one the client sent.
    /// </summary>
    public string? CorrelationId { get; }

    /// <summary>
    /// Gets how long the service asked to wait before the next call (<c>Retry-After</c>), if it did, counted from when the
    /// answer arrived on the client's clock (<see cref="BatchStatusClientOptions.TimeProvider"/>).
    /// </summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Gets the body as received (after decompression), byte for byte: what the models could not hold is still here. A
    /// body whose Content-Type names another charset than UTF-8 (ISO-8859-1, UTF-16) is here in UTF-8, as it was read.
    /// It is at most <see cref="BatchStatusClientOptions.MaxResponseBodyBytes"/> long.
    /// </summary>
    public BinaryData Content { get; }

    /// <summary>
    /// Gets the JSON paths of the values of <see cref="Content"/> that were not read into the models, such as
    /// <c>$.startedTime</c> (a timestamp that does not parse), <c>$.devicesStatus</c> (not an array),
    /// <c>$.devicesStatus[1]</c> (a device that is not an object) or <c>$.devicesStatus[2].status</c> (not text).
    /// Empty when every value was read; at most the first 1,000 (<see cref="UnreadValueCount"/> counts them all).
    /// </summary>
    /// <remarks>
    /// The client reads tolerantly: one odd value never fails the call, and is never lost without a trace. A
    /// <c>null</c> or a blank string is no value and is not listed; members the contract does not declare are not listed
    /// either, because the models keep them (<see cref="BatchUploadDetails.AdditionalProperties"/>). Each call that lists
    /// values also logs a warning with the paths and counts them in the
    /// <c>partnercenter.batch_status.unread_values</c> metric. Paths name properties as the contract does, and array
    /// elements by their position in the body.
    /// </remarks>
    public IReadOnlyList<string> UnreadValues { get; }

    /// <summary>
    /// Gets how many values of <see cref="Content"/> were not read into the models: the paths in
    /// <see cref="UnreadValues"/>, and those past its first 1,000, which it does not list (a body of nothing but such
    /// values would otherwise cost many times its size in paths).
    /// </summary>
    public int UnreadValueCount { get; }

    /// <summary>
    /// Gets the value of any response header, such as <c>MS-CV</c> (the correlation vector), <c>MS-ServerId</c> or
    /// <c>Date</c>, or <see langword="null"/> when it is absent.
    /// </summary>
    /// <param name="name">The header's name.</param>
    /// <returns>The header's first value.</returns>
    public string? GetHeader(string name) => PartnerCenterHeaderValues.First(_headers, name);
}
