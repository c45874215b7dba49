using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Input;

/// <summary>
/// Reads the text the tool is given, a file or the standard input, the same way: UTF-8 unless a byte order mark says
/// UTF-8, UTF-16 (little or big endian) or UTF-32, the mark itself not being part of the text.
/// </summary>
internal static class TextInput
{
    /// <summary>Opens a stream of text.</summary>
    /// <param name="stream">The bytes: the standard input, or a file.</param>
    /// <returns>The reader; it owns the stream.</returns>
    public static TextReader Open(Stream stream) =>
        new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);

    /// <summary>Opens a file of text.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The reader.</returns>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    public static TextReader OpenFile(string path) => Open(File.OpenRead(path));
}
