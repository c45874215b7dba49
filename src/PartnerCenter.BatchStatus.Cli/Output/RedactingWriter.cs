using System.Globalization;
using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// The one path of the output and error streams of <c>pcbatch</c>: each line goes through the <see cref="Redactor"/>
/// before it reaches the stream, so that no output path, whoever wrote it, can print a secret. Lines are passed on
/// whole: each as it ends, or (<c>chunked</c>, for a report of any size) in chunks of about 32 KB; and what is pending
/// when the writer is flushed (a progress line rewritten in place). A stream that cannot be written (closed with
/// <c>&gt;&amp;-</c>, or its device failed) drops what is written to it, and says so once through <c>failed</c>.
/// </summary>
/// <param name="inner">The stream written to; it is not disposed with this writer.</param>
/// <param name="redactor">The redactor.</param>
/// <param name="chunked">Whether lines are passed on in chunks rather than one by one.</param>
/// <param name="failed">Called once when the stream cannot be written.</param>
internal sealed class RedactingWriter(TextWriter inner, Redactor redactor, bool chunked = false, Action? failed = null) : TextWriter(CultureInfo.InvariantCulture)
{
    private const int ChunkLength = 32 * 1024;

    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();
    private bool _gone;

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value) => Write(value.ToString());

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        lock (_gate)
        {
            _pending.Append(value);
            var lastBreak = value.LastIndexOf('\n');
            if (lastBreak >= 0 && (!chunked || _pending.Length >= ChunkLength))
            {
                PassOn(_pending.Length - (value.Length - lastBreak - 1), flush: false);
            }
        }
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Write(value + new string(CoreNewLine));

    /// <inheritdoc/>
    public override void Flush()
    {
        lock (_gate)
        {
            PassOn(_pending.Length, flush: true);
        }
    }

    /// <inheritdoc/>
    public override Task FlushAsync()
    {
        Flush();
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void PassOn(int length, bool flush)
    {
        var text = Take(length);
        if (_gone)
        {
            return;
        }

        try
        {
            if (text.Length > 0)
            {
                inner.Write(text);
            }

            if (flush)
            {
                inner.Flush();
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _gone = true;
            failed?.Invoke();
        }
    }

    private string Take(int length)
    {
        var text = _pending.ToString(0, length);
        _pending.Remove(0, length);
        return redactor.Redact(text);
    }
}
