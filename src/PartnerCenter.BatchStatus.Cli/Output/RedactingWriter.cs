using System.Globalization;
using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// The output and error streams of <c>pcbatch</c>: each line goes through the <see cref="Redactor"/> before it reaches
/// the stream, so that no output path, whoever wrote it, can print a secret. A line is passed on when it ends, and
/// what is pending when the writer is flushed (a progress line rewritten in place).
/// </summary>
internal sealed class RedactingWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly Redactor _redactor;
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    /// <summary>Initializes a new instance of the <see cref="RedactingWriter"/> class.</summary>
    /// <param name="inner">The stream written to; it is not disposed with this writer.</param>
    /// <param name="redactor">The redactor.</param>
    public RedactingWriter(TextWriter inner, Redactor redactor)
        : base(CultureInfo.InvariantCulture)
    {
        _inner = inner;
        _redactor = redactor;
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    /// <inheritdoc/>
    public override Encoding Encoding => _inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            if (value == '\n')
            {
                PassOn(_pending.Length);
            }
        }
    }

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
            if (lastBreak >= 0)
            {
                PassOn(_pending.Length - (value.Length - lastBreak - 1));
            }
        }
    }

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    /// <inheritdoc/>
    public override void WriteLine(string? value) => Write((value ?? string.Empty) + new string(CoreNewLine));

    /// <inheritdoc/>
    public override void Flush()
    {
        lock (_gate)
        {
            PassOn(_pending.Length);
            _inner.Flush();
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

    private void PassOn(int length)
    {
        if (length == 0)
        {
            return;
        }

        var text = _pending.ToString(0, length);
        _pending.Remove(0, length);
        _inner.Write(_redactor.Redact(text));
    }
}
