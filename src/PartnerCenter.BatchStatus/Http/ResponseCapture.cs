using System.Buffers;
using System.Net;
using System.Text;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// What one attempt received: the status and headers, and the first bytes of the body as the generated code reads
/// them, so that a body that cannot be read (a truncated body, an HTML page from a gateway) still explains the failure,
/// without buffering the whole body on the success path. The attempt that attached it owns it and disposes it.
/// </summary>
internal sealed class ResponseCapture : IDisposable
{
    /// <summary>How much of a body is kept, in bytes.</summary>
    public const int MaxBytes = 16 * 1024;

    private byte[]? _buffer;
    private int _length;
    private bool _truncated;

    private ResponseCapture(HttpResponseMessage response)
    {
        StatusCode = (int)response.StatusCode;
        Headers = response.Headers;
    }

    public int StatusCode { get; }

    public System.Net.Http.Headers.HttpResponseHeaders Headers { get; }

    /// <summary>Wraps the response's content so that what is read of it is kept.</summary>
    public static ResponseCapture Attach(HttpResponseMessage response)
    {
        var capture = new ResponseCapture(response);
        response.Content = new CapturingContent(response.Content, capture);
        return capture;
    }

    public void Record(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty || _truncated)
        {
            return;
        }

        _buffer ??= ArrayPool<byte>.Shared.Rent(MaxBytes);
        var room = MaxBytes - _length;
        var take = Math.Min(room, data.Length);
        data[..take].CopyTo(_buffer.AsSpan(_length));
        _length += take;
        _truncated = take < data.Length;
    }

    /// <summary>Gets the text read so far, or <see langword="null"/> when nothing was read.</summary>
    public string? GetText()
    {
        if (_buffer is null || _length == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(_buffer, 0, _length);
        return _truncated ? text + PartnerCenterApiException.TruncationMarker : text;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = null;
        _length = 0;
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private sealed class CapturingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly ResponseCapture _capture;

        public CapturingContent(HttpContent inner, ResponseCapture capture)
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
            var source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }

        protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new CapturingStream(await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), _capture);

        protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
            new CapturingStream(_inner.ReadAsStream(cancellationToken), _capture);

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? 0;
            return _inner.Headers.ContentLength.HasValue;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class CapturingStream(Stream inner, ResponseCapture capture) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            capture.Record(buffer[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            capture.Record(buffer.Span[..read]);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
