using System.Globalization;
using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// Collects text and passes it on in chunks of about 64 KiB: a report of many thousand lines is a few large writes,
/// not one write (and one system call, on a console that flushes every line) per line.
/// </summary>
internal sealed class ChunkedWriter(TextWriter inner) : TextWriter(CultureInfo.InvariantCulture)
{
    private const int ChunkLength = 32 * 1024;

    private readonly StringBuilder _chunk = new(ChunkLength + 1024);

    /// <inheritdoc/>
    public override Encoding Encoding => inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value)
    {
        _chunk.Append(value);
        PassOnIfFull();
    }

    /// <inheritdoc/>
    public override void Write(string? value)
    {
        _chunk.Append(value);
        PassOnIfFull();
    }

    /// <inheritdoc/>
    public override void WriteLine(string? value)
    {
        _chunk.Append(value).Append(CoreNewLine);
        PassOnIfFull();
    }

    /// <inheritdoc/>
    public override void Flush()
    {
        if (_chunk.Length > 0)
        {
            inner.Write(_chunk.ToString());
            _chunk.Clear();
        }

        inner.Flush();
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

    private void PassOnIfFull()
    {
        if (_chunk.Length >= ChunkLength)
        {
            inner.Write(_chunk.ToString());
            _chunk.Clear();
        }
    }
}
