using System.Text;
using PartnerCenter.BatchStatus.Cli.Commands;
using PartnerCenter.BatchStatus.Cli.Output;

namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>
/// The upload files of <c>--reupload-from</c> given once or more: each file named, and every file ending in
/// <c>.csv</c> (any case) directly in a folder named, in ordinal order of their names, each file once. Their rows go
/// under one header, in the first file's encoding, so they must share both.
/// </summary>
internal static class OriginalFiles
{
    /// <summary>The extension of the upload files a folder gives.</summary>
    public const string Extension = ".csv";

    /// <summary>Lists the files the values name, folders opened, each file once (by identity) in the order given.</summary>
    /// <param name="values">The values of <c>--reupload-from</c>.</param>
    /// <returns>The files' paths.</returns>
    /// <exception cref="CliException">A folder cannot be read or holds no upload file.</exception>
    public static IReadOnlyList<string> List(IEnumerable<string> values)
    {
        var paths = new List<string>();
        var keys = new List<SameFile>();
        foreach (var value in values)
        {
            foreach (var path in Directory.Exists(value) ? InFolder(value) : [value])
            {
                var key = SameFile.Key(path);
                if (!keys.Any(known => known.IsSameAs(key)))
                {
                    keys.Add(key);
                    paths.Add(path);
                }
            }
        }

        return paths;
    }

    /// <summary>Checks that the files' rows can be written under the first file's header and in its encoding.</summary>
    /// <param name="files">The files read, in order.</param>
    /// <exception cref="CliException">A file has another header, or characters the first file's encoding cannot hold.</exception>
    public static void CheckOneFormat(IReadOnlyList<UploadFile> files)
    {
        if (files.Count < 2)
        {
            return;
        }

        var first = files[0];
        var strict = (Encoding)first.Encoding.Clone();
        strict.EncoderFallback = EncoderFallback.ExceptionFallback;
        foreach (var file in files.Skip(1))
        {
            if (!file.Columns.SequenceEqual(first.Columns, StringComparer.OrdinalIgnoreCase))
            {
                throw new CliException(
                    $"--reupload-from {Name(file.Path)} has another header than {Name(first.Path)} "
                    + $"('{TerminalText.Shorten(file.Header, 100)}', not '{TerminalText.Shorten(first.Header, 100)}'): the rows to upload again go under one header. "
                    + "Give the files of one format (Partner Center's or Intune's, the same columns) in one run.");
            }

            try
            {
                foreach (var row in file.Rows)
                {
                    strict.GetByteCount(row.Raw);
                }
            }
            catch (EncoderFallbackException error)
            {
                throw new CliException(
                    $"--reupload-from {Name(file.Path)} holds characters that the encoding of {Name(first.Path)} ({first.Encoding.WebName}) cannot: "
                    + "the rows to upload again are written in the first file's encoding. Save the files in one encoding, such as UTF-8.", error);
            }
        }
    }

    /// <summary>A path in a message, quoted and whole: among files of one folder, its end is what tells them apart.</summary>
    /// <param name="path">The path as given or as listed.</param>
    /// <returns>The path, on one line and quoted.</returns>
    public static string Name(string path) => "'" + TerminalText.OneLine(path) + "'";

    private static IEnumerable<string> InFolder(string folder)
    {
        string[] files;
        try
        {
            files = [.. Directory.EnumerateFiles(folder)
                .Where(path => Path.GetFileName(path).EndsWith(Extension, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)];
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--reupload-from {Name(folder)} is a folder that cannot be read: {error.Message}", error);
        }

        return files.Length > 0
            ? files
            : throw new CliException($"--reupload-from {Name(folder)} is a folder with no {Extension} file: name the upload files, or their folder.");
    }
}
