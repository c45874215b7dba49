using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// The customer id and batch tracking id of a device batch upload, as read from the <c>Location</c> header that
/// Partner Center returns for the upload (<c>/customers/{customer-id}/batchJobStatus/{batchtracking-id}</c>).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="Parse(string)"/> accepts the forms in which such a value gets pasted around:
/// </para>
/// <list type="bullet">
/// <item><description>the relative value as sent, <c>/customers/{c}/batchJobStatus/{t}</c>, with or without the
/// leading slash, with or without a leading <c>/v1</c>;</description></item>
/// <item><description>an absolute <c>https://</c> or <c>http://</c> URL of any host (the global endpoint, the China
/// endpoint, a local fake), with or without <c>/v1</c>; only its path is read: the client always calls its own
/// configured endpoint, never the host of a pasted URL;</description></item>
/// <item><description>the whole header line, <c>Location: /customers/…</c>;</description></item>
/// <item><description>any casing of <c>customers</c> and <c>batchJobStatus</c> and of the GUIDs, surrounding
/// whitespace and one trailing slash.</description></item>
/// </list>
/// <para>
/// A query string or fragment is ignored. Both ids must be GUIDs in the hyphenated form and not
/// <see cref="Guid.Empty"/>; any other segment, a missing segment or an extra one is rejected.
/// </para>
/// </remarks>
public readonly record struct BatchTrackingLocation : IParsable<BatchTrackingLocation>
{
    /// <summary>The forms <see cref="Parse(string)"/> accepts, for error messages.</summary>
    private const string ExpectedForms =
        "Expected the Location of a device batch upload: '/customers/{customer-id}/batchJobStatus/{batchtracking-id}' "
        + "(optionally with '/v1' before it, or as an absolute https URL of a Partner Center endpoint) with both ids as GUIDs";

    /// <summary>Longer input is rejected without looking at it: no Location value comes near this size.</summary>
    private const int MaxInputLength = 2048;

    /// <summary>How much of a rejected input an error message quotes.</summary>
    private const int MaxQuotedLength = 80;

    private const string HeaderPrefix = "Location:";

    /// <summary>Initializes a new instance of the <see cref="BatchTrackingLocation"/> struct.</summary>
    /// <param name="customerId">The customer's tenant id.</param>
    /// <param name="batchTrackingId">The batch tracking id.</param>
    /// <exception cref="ArgumentException">An id is <see cref="Guid.Empty"/>.</exception>
    public BatchTrackingLocation(Guid customerId, Guid batchTrackingId)
    {
        if (customerId == Guid.Empty)
        {
            throw new ArgumentException("The customer id must not be Guid.Empty: use the customer's tenant id (the Microsoft ID on the customer's account page).", nameof(customerId));
        }

        if (batchTrackingId == Guid.Empty)
        {
            throw new ArgumentException("The batch tracking id must not be Guid.Empty: use the id from the Location header of the device batch upload.", nameof(batchTrackingId));
        }

        CustomerId = customerId;
        BatchTrackingId = batchTrackingId;
    }

    /// <summary>Gets the customer's tenant id (the <c>customer-id</c> segment).</summary>
    public Guid CustomerId { get; }

    /// <summary>Gets the batch tracking id (the <c>batchtracking-id</c> segment, the last one).</summary>
    public Guid BatchTrackingId { get; }

    /// <summary>Reads the ids from a <c>Location</c> value or a URL of the batch status operation.</summary>
    /// <param name="location">The value, in any of the forms listed on <see cref="BatchTrackingLocation"/>.</param>
    /// <returns>The ids.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="location"/> is <see langword="null"/>.</exception>
    /// <exception cref="FormatException">
    /// <paramref name="location"/> is not such a value; the message says what was expected and quotes at most the
    /// first 80 characters of the input.
    /// </exception>
    public static BatchTrackingLocation Parse(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var error = TryRead(location, out var result);
        return error is null ? result : throw new FormatException(error);
    }

    /// <summary>Tries to read the ids from a <c>Location</c> value or a URL of the batch status operation.</summary>
    /// <param name="location">The value, in any of the forms listed on <see cref="BatchTrackingLocation"/>.</param>
    /// <param name="result">The ids, when the value could be read; otherwise <see langword="default"/>.</param>
    /// <returns><see langword="true"/> when the value could be read.</returns>
    public static bool TryParse([NotNullWhen(true)] string? location, out BatchTrackingLocation result)
    {
        if (location is not null && TryRead(location, out result) is null)
        {
            return true;
        }

        result = default;
        return false;
    }

    /// <inheritdoc cref="Parse(string)"/>
    /// <param name="s">The value, in any of the forms listed on <see cref="BatchTrackingLocation"/>.</param>
    /// <param name="provider">Ignored: the format does not depend on culture.</param>
    static BatchTrackingLocation IParsable<BatchTrackingLocation>.Parse(string s, IFormatProvider? provider) => Parse(s);

    /// <inheritdoc cref="TryParse(string?, out BatchTrackingLocation)"/>
    /// <param name="s">The value, in any of the forms listed on <see cref="BatchTrackingLocation"/>.</param>
    /// <param name="provider">Ignored: the format does not depend on culture.</param>
    /// <param name="result">The ids, when the value could be read; otherwise <see langword="default"/>.</param>
    static bool IParsable<BatchTrackingLocation>.TryParse([NotNullWhen(true)] string? s, IFormatProvider? provider, out BatchTrackingLocation result) =>
        TryParse(s, out result);

    /// <summary>Gets the relative <c>Location</c> value, as Partner Center sends it.</summary>
    /// <returns><c>/customers/{customer-id}/batchJobStatus/{batchtracking-id}</c>.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"/customers/{CustomerId:D}/batchJobStatus/{BatchTrackingId:D}");

    /// <summary>Reads <paramref name="input"/>; returns the error message, or <see langword="null"/> on success.</summary>
    private static string? TryRead(string input, out BatchTrackingLocation result)
    {
        result = default;
        var text = input.AsSpan().Trim();
        if (text.IsEmpty)
        {
            return ExpectedForms + "; got an empty value.";
        }

        if (text.Length > MaxInputLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{ExpectedForms}; got {text.Length} characters, more than any such value has.");
        }

        if (text.StartsWith(HeaderPrefix, StringComparison.OrdinalIgnoreCase))
        {
            text = text[HeaderPrefix.Length..].TrimStart();
        }

        var path = text.ToString();
        if (path.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(path, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                return Reject(input, "it is not an http or https URL");
            }

            path = uri.AbsolutePath;
        }
        else
        {
            var end = path.IndexOfAny(['?', '#']);
            if (end >= 0)
            {
                path = path[..end];
            }
        }

        var segments = path.Split('/');
        var first = segments.Length > 0 && segments[0].Length == 0 ? 1 : 0;
        var count = segments.Length - first;
        if (count > 0 && segments[^1].Length == 0)
        {
            count--;
        }

        if (count > 0 && segments[first].Equals("v1", StringComparison.OrdinalIgnoreCase))
        {
            first++;
            count--;
        }

        if (count != 4)
        {
            return Reject(input, string.Create(CultureInfo.InvariantCulture, $"its path has {count} segments after the optional '/v1' instead of 4"));
        }

        if (!segments[first].Equals("customers", StringComparison.OrdinalIgnoreCase)
            || !segments[first + 2].Equals("batchJobStatus", StringComparison.OrdinalIgnoreCase))
        {
            return Reject(input, "its segments are not 'customers/{customer-id}/batchJobStatus/{batchtracking-id}'");
        }

        if (ReadId(segments[first + 1], "customer id", input) is { } customerError)
        {
            return customerError;
        }

        if (ReadId(segments[first + 3], "batch tracking id", input) is { } trackingError)
        {
            return trackingError;
        }

        result = new BatchTrackingLocation(Guid.ParseExact(segments[first + 1], "D"), Guid.ParseExact(segments[first + 3], "D"));
        return null;
    }

    private static string? ReadId(string segment, string name, string input)
    {
        // Guid parsing forgives surrounding whitespace, which inside a path means a broken value.
        if (segment.Length != 36 || !Guid.TryParseExact(segment, "D", out var id))
        {
            return Reject(input, $"the {name} is not a GUID such as 0127ed8e-ff72-4983-a3d8-e8d8bd378932");
        }

        return id == Guid.Empty ? Reject(input, $"the {name} is Guid.Empty") : null;
    }

    private static string Reject(string input, string reason)
    {
        // A query string is where URLs carry secrets (signatures, tokens): it is never quoted.
        var quoted = input.Trim();
        var query = quoted.IndexOfAny(['?', '#']);
        if (query >= 0)
        {
            quoted = quoted[..query] + "…";
        }

        // Nor is a URL's user information (user:password@), which no Location carries.
        var scheme = quoted.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var authority = scheme + 3;
            var pathStart = quoted.IndexOf('/', authority);
            var at = quoted.LastIndexOf('@', pathStart < 0 ? quoted.Length - 1 : pathStart - 1);
            if (at >= authority)
            {
                quoted = quoted[..authority] + "…@" + quoted[(at + 1)..];
            }
        }

        if (quoted.Length > MaxQuotedLength)
        {
            quoted = quoted[..MaxQuotedLength] + "…";
        }

        return $"{ExpectedForms}; got '{quoted}', where {reason}.";
    }
}
