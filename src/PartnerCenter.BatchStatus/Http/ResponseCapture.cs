using System.Net;
using System.Text;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// What one attempt received: the status and headers, and the body, read with a bound before the generated code sees
/// it. A 200's body is read whole, up to <see cref="BatchStatusClientOptions.MaxResponseBodyBytes"/> (counted after
/// decompression; beyond it, <see cref="BodyTooLargeException"/>), and kept as the result's content. Any other
/// answer's body is read only as far as <see cref="MaxBytes"/>, what an exception keeps, and the rest is never read:
/// the connection is let go. Whatever was read before a body broke off still explains the failure.
/// </summary>
internal sealed class ResponseCapture
{
    /// <summary>How much of an error body is read and kept, in bytes.</summary>
    public const int MaxBytes = PartnerCenterApiException.MaxResponseBodyLength;

    /// <summary>The first buffer of a body of unknown length: a batch of a few devices fits.</summary>
    private const int InitialBufferBytes = 16 * 1024;

    private const string Redacted = "(redacted)";

    private readonly long _maxBodyBytes;

    /// <summary>The access token this attempt sent: a service that echoes it must not put it into an exception.</summary>
    private readonly string? _sentToken;
    private byte[] _buffer = [];
    private int _length;
    private bool _truncated;

    /// <summary>The body's encoding, from the Content-Type's charset; a 200's body is read as UTF-8 whatever it is.</summary>
    private Encoding _encoding;

    private ResponseCapture(HttpResponseMessage response, long maxBodyBytes)
    {
        StatusCode = (int)response.StatusCode;
        Headers = response.Headers;
        _maxBodyBytes = maxBodyBytes;
        _sentToken = response.RequestMessage?.Headers.Authorization?.Parameter is { Length: > 0 } token ? token : null;
        _encoding = EncodingOf(response.Content.Headers.ContentType?.CharSet);
    }

    public int StatusCode { get; }

    public System.Net.Http.Headers.HttpResponseHeaders Headers { get; }

    /// <summary>Gets the body as received, once it was read whole.</summary>
    public ReadOnlyMemory<byte> Body => _buffer.AsMemory(0, _length);

    /// <summary>Gets the bound on this answer's body: the whole body of a 200, what is kept of any other.</summary>
    private long Limit => StatusCode == (int)HttpStatusCode.OK ? _maxBodyBytes : MaxBytes;

    /// <summary>Replaces the response's content with one that reads the body within the bound.</summary>
    public static ResponseCapture Attach(HttpResponseMessage response, long maxBodyBytes)
    {
        var capture = new ResponseCapture(response, maxBodyBytes);
        response.Content = new BoundedContent(response.Content, capture);
        return capture;
    }

    /// <summary>Gets the text read so far (at most <see cref="MaxBytes"/> of it), or <see langword="null"/> when nothing was read.</summary>
    public string? GetText()
    {
        if (_length == 0)
        {
            return null;
        }

        var text = Redact(_encoding.GetString(_buffer, 0, Math.Min(_length, MaxBytes)));
        return _truncated || _length > MaxBytes ? text + PartnerCenterApiException.TruncationMarker : text;
    }

    /// <summary>Copies headers (by default, the response's) into the shape the exceptions carry, without the token this attempt sent.</summary>
    public Dictionary<string, IEnumerable<string>> CopyHeaders(IEnumerable<KeyValuePair<string, IEnumerable<string>>>? headers = null)
    {
        var result = new Dictionary<string, IEnumerable<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers ?? Headers)
        {
            result[header.Key] = _sentToken is null ? header.Value : [.. header.Value.Select(Redact)];
        }

        return result;
    }

    /// <summary>
    /// Replaces the token this attempt sent with <c>(redacted)</c>, wherever the service echoed it: an error's
    /// description or a header may quote the request's Authorization header, and those reach messages and logs.
    /// </summary>
    private string Redact(string text) => _sentToken is null ? text : text.Replace(_sentToken, Redacted, StringComparison.Ordinal);

    /// <summary>Reads the body into the buffer, within <see cref="Limit"/>, and lets the source go.</summary>
    private async Task ReadAsync(HttpContent inner, CancellationToken cancellationToken)
    {
        try
        {
            await ReadBoundedAsync(inner, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException exception)
        {
            // .NET's Brotli decoder reports a body that is not Brotli (a Content-Encoding that lies) this way, where the
            // gzip and deflate decoders say InvalidDataException: one kind of broken body either way.
            throw new InvalidDataException("The response body could not be decoded as its Content-Encoding says: " + exception.Message, exception);
        }
    }

    private async Task ReadBoundedAsync(HttpContent inner, CancellationToken cancellationToken)
    {
        var limit = Limit;
        var announced = inner.Headers.ContentLength;
        if (announced > limit && StatusCode == (int)HttpStatusCode.OK && _encoding.CodePage == Encoding.UTF8.CodePage)
        {
            // Announced too large (without compression, in UTF-8): not one byte of it is worth reading. A body in another
            // charset is bounded in UTF-8, as it is read.
            throw new BodyTooLargeException(limit);
        }

        var source = await inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (StatusCode == (int)HttpStatusCode.OK && _encoding.CodePage != Encoding.UTF8.CodePage)
        {
            // The JSON reader reads UTF-8 only: a body in another charset (ISO-8859-1 from a gateway, UTF-16) is read,
            // bounded and kept as UTF-8.
            source = Encoding.CreateTranscodingStream(source, _encoding, Encoding.UTF8);
            _encoding = Encoding.UTF8;
        }

        await using (source.ConfigureAwait(false))
        {
            _buffer = new byte[(int)Math.Min(announced ?? InitialBufferBytes, limit)];
            while (true)
            {
                if (_length == _buffer.Length)
                {
                    if (_length == limit || _length == announced)
                    {
                        // Full: one byte more tells whether the body ends here, without a bigger buffer.
                        var probe = new byte[1];
                        if (await source.ReadAsync(probe, cancellationToken).ConfigureAwait(false) == 0)
                        {
                            return;
                        }

                        if (_length == limit)
                        {
                            // An error body: what is kept is all that is read; disposing the source lets the connection go.
                            _truncated = StatusCode != (int)HttpStatusCode.OK ? true : throw new BodyTooLargeException(limit);
                            return;
                        }

                        Grow(limit);
                        _buffer[_length++] = probe[0];
                        continue;
                    }

                    Grow(limit);
                }

                var read = await source.ReadAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (StatusCode == (int)HttpStatusCode.OK && _length < _buffer.Length)
                    {
                        // The body stays on the result: it keeps no more memory than it needs.
                        _buffer = _buffer.AsSpan(0, _length).ToArray();
                    }

                    return;
                }

                _length += read;
            }
        }
    }

    /// <summary>Gets the encoding a charset names, when .NET knows it; else UTF-8 (of which US-ASCII is a part).</summary>
    private static Encoding EncodingOf(string? charset)
    {
        try
        {
            var named = charset is { Length: > 0 } && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) ? Encoding.GetEncoding(charset.Trim('"', '\'', ' ')) : null;
            return named is { CodePage: not 20127 } ? named : Encoding.UTF8;
        }
        catch (Exception exception) when (exception is ArgumentException or NotSupportedException)
        {
            return Encoding.UTF8;
        }
    }

    private void Grow(long limit) =>
        Array.Resize(ref _buffer, (int)Math.Min(Math.Max(2L * _buffer.Length, InitialBufferBytes), limit));

    /// <summary>Thrown while reading a 200's body that is larger than its bound. The attempt maps it, with the call's ids.</summary>
    internal sealed class BodyTooLargeException(long limit) : Exception("The response body is larger than " + limit + " bytes.")
    {
        public long Limit { get; } = limit;
    }

    /// <summary>
    /// The response's content as the generated code reads it: the body read within the bound on first use, then served
    /// from memory, so that a stream read and a string read see the same bytes.
    /// </summary>
    private sealed class BoundedContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly ResponseCapture _capture;
        private Task? _reading;

        public BoundedContent(HttpContent inner, ResponseCapture capture)
        {
            _inner = inner;
            _capture = capture;

            // The generated code has read the headers already; only the charset still matters, to decode an error body.
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await ReadOnceAsync(cancellationToken).ConfigureAwait(false);
            await stream.WriteAsync(_capture.Body, cancellationToken).ConfigureAwait(false);
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
        {
            await ReadOnceAsync(cancellationToken).ConfigureAwait(false);
            return new MemoryStream(_capture._buffer, 0, _capture._length, writable: false);
        }

        // The length is unknown until the body is read: HttpContent must not size a buffer from a header.
        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private Task ReadOnceAsync(CancellationToken cancellationToken) => _reading ??= _capture.ReadAsync(_inner, cancellationToken);
    }
}
