using System.Globalization;
using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// The process's standard output or error as the tool writes it: when the stream cannot be written at all (closed with
/// <c>&gt;&amp;-</c>, a device that fails), the writes after the first failure are dropped, so that the run still ends
/// with its own exit code rather than as a fault of the tool. A broken pipe (<c>| head -1</c>) never fails: .NET drops
/// those writes itself.
/// </summary>
internal sealed class StandardStreamWriter : TextWriter
{
    private readonly TextWriter _inner;
    private readonly Action? _failed;
    private volatile bool _gone;

    /// <summary>Initializes a new instance of the <see cref="StandardStreamWriter"/> class.</summary>
    /// <param name="inner">The console's writer.</param>
    /// <param name="failed">Told once when the stream first fails; it must not throw.</param>
    public StandardStreamWriter(TextWriter inner, Action? failed = null)
        : base(CultureInfo.InvariantCulture)
    {
        _inner = inner;
        _failed = failed;
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    /// <inheritdoc/>
    public override Encoding Encoding => _inner.Encoding;

    /// <inheritdoc/>
    public override void Write(char value) => Guard(() => _inner.Write(value));

    /// <inheritdoc/>
    public override void Write(string? value) => Guard(() => _inner.Write(value));

    /// <inheritdoc/>
    public override void Write(char[] buffer, int index, int count) => Guard(() => _inner.Write(buffer, index, count));

    /// <inheritdoc/>
    public override void Flush() => Guard(_inner.Flush);

    private void Guard(Action write)
    {
        if (_gone)
        {
            return;
        }

        try
        {
            write();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or ObjectDisposedException)
        {
            _gone = true;
            _failed?.Invoke();
        }
    }
}
