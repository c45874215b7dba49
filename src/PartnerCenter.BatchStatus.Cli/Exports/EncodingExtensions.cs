using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>Encodings without the byte order mark that a <see cref="StreamWriter"/> would otherwise write again.</summary>
internal static class EncodingExtensions
{
    /// <summary>Gets the same encoding, without a preamble.</summary>
    /// <param name="encoding">The encoding.</param>
    /// <returns>The encoding without its byte order mark.</returns>
    public static Encoding WithoutPreamble(this Encoding encoding) => encoding switch
    {
        UTF8Encoding => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        UnicodeEncoding => new UnicodeEncoding(bigEndian: false, byteOrderMark: false),
        _ => encoding,
    };
}
