using System.Globalization;
using System.Text.Encodings.Web;

namespace PartnerCenter.BatchStatus.Cli.Output;

/// <summary>
/// The escaping of <c>--json</c>: as relaxed as <see cref="JavaScriptEncoder.UnsafeRelaxedJsonEscaping"/> (no
/// <c>\u002B</c> for a <c>+</c>), and also escaping what <see cref="TerminalText"/> would remove, bidirectional and
/// invisible format characters, so that a JSON document printed on a terminal reads as it is while every value stays
/// exact for the program that parses it.
/// </summary>
internal sealed class TerminalSafeJsonEncoder : JavaScriptEncoder
{
    private static readonly JavaScriptEncoder Relaxed = UnsafeRelaxedJsonEscaping;

    private TerminalSafeJsonEncoder()
    {
    }

    /// <summary>Gets the encoder.</summary>
    public static TerminalSafeJsonEncoder Instance { get; } = new();

    /// <inheritdoc/>
    public override int MaxOutputCharactersPerInputCharacter => Math.Max(6, Relaxed.MaxOutputCharactersPerInputCharacter);

    /// <inheritdoc/>
    public override bool WillEncode(int unicodeScalar) => IsHidden(unicodeScalar) || Relaxed.WillEncode(unicodeScalar);

    /// <inheritdoc/>
    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        var relaxed = Relaxed.FindFirstCharacterToEncode(text, textLength);
        var end = relaxed < 0 ? textLength : relaxed;
        for (var i = 0; i < end; i++)
        {
            if (IsHidden(text[i]))
            {
                return i;
            }
        }

        return relaxed;
    }

    /// <inheritdoc/>
    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        if (!IsHidden(unicodeScalar))
        {
            return Relaxed.TryEncodeUnicodeScalar(unicodeScalar, buffer, bufferLength, out numberOfCharactersWritten);
        }

        var escaped = string.Create(CultureInfo.InvariantCulture, $"\\u{unicodeScalar:X4}");
        if (bufferLength < escaped.Length)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        escaped.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = escaped.Length;
        return true;
    }

    private static bool IsHidden(int scalar) => scalar <= char.MaxValue && TerminalText.IsHidden((char)scalar);
}
