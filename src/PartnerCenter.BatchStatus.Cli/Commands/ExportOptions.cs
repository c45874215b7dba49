using System.CommandLine;
using PartnerCenter.BatchStatus.Cli.Exports;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>The options that write files besides the report: the failed devices, and the rows to upload again.</summary>
internal sealed class ExportOptions
{
    private readonly Option<string?> _failedCsv = CommandLineValues.Option("--failed-csv", "file",
        "Write every failed device to this CSV file: serial number, product key, device id, status, error code and name, "
            + "what to do (upload again, fix the data, chase the owner, nothing to do, unknown) and the remedy.");

    private readonly Option<string?> _reuploadFrom = CommandLineValues.Option("--reupload-from", "file",
        "The upload file the batch was made from (Partner Center's or Intune's CSV format), for --reupload-csv.");

    private readonly Option<string?> _reuploadCsv = CommandLineValues.Option("--reupload-csv", "file",
        "Write the rows of --reupload-from to upload again to this file: the devices that failed for a passing reason, "
            + "as they were, under the original header. Rows left out are counted by reason; devices found in neither are listed.");

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.Add(_failedCsv);
        command.Add(_reuploadFrom);
        command.Add(_reuploadCsv);
    }

    /// <summary>Reads and checks the options, and reads the upload file, so that a mistake shows before Partner Center is called.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="otherInputs">The other files the run reads, with their options (such as the certificate), which no export may replace.</param>
    /// <returns>The settings.</returns>
    /// <exception cref="CliException">
    /// The options do not combine, a folder is missing, an export is the same file as an input or as the other export
    /// (by file identity: hard and symbolic links to one file are the same file), or the upload file cannot be read.
    /// </exception>
    public ExportSettings Read(ParseResult parse, params (string Option, string? Path)[] otherInputs)
    {
        var failedCsv = parse.GetValue(_failedCsv);
        var reuploadFrom = parse.GetValue(_reuploadFrom);
        var reuploadCsv = parse.GetValue(_reuploadCsv);
        if ((reuploadFrom is null) != (reuploadCsv is null))
        {
            throw new CliException("--reupload-from and --reupload-csv go together: the file the batch was uploaded from, and the file to write.");
        }

        CheckTarget(failedCsv, "--failed-csv");
        CheckTarget(reuploadCsv, "--reupload-csv");
        var outputs = new[] { ("--failed-csv", failedCsv), ("--reupload-csv", reuploadCsv) }
            .Where(output => output.Item2 is not null)
            .Select(output => (Option: output.Item1, File: SameFile.Key(output.Item2!)))
            .ToArray();
        var inputs = otherInputs.Prepend((Option: "--reupload-from", Path: reuploadFrom))
            .Where(input => input.Path is not null)
            .Select(input => (input.Option, File: SameFile.Key(input.Path!)))
            .ToArray();
        foreach (var (option, file) in outputs)
        {
            foreach (var input in inputs.Where(input => input.File.IsSameAs(file)))
            {
                throw new CliException(input.Option == "--reupload-from"
                    ? $"{option} must not be the original upload file (--reupload-from), by any path or link to it: write to a new file."
                    : $"{option} must not be the file of {input.Option}, by any path or link to it: write to a new file.");
            }
        }

        foreach (var (option, path) in new[] { ("--failed-csv", failedCsv), ("--reupload-csv", reuploadCsv) })
        {
            if (path is not null && FileIdentity.Of(path) is { IsRegularFile: true } identity && StandardStreams.Name(identity) is { } stream)
            {
                throw new CliException($"{option} {CommandLineValues.Quote(path)} is the file the tool's {stream} goes to: name another file.");
            }
        }

        if (outputs.Length == 2 && outputs[0].File.IsSameAs(outputs[1].File))
        {
            throw new CliException("--failed-csv and --reupload-csv must be different files.");
        }

        return new ExportSettings
        {
            FailedCsvPath = failedCsv,
            ReuploadFrom = reuploadFrom is null ? null : ReadUploadFile(reuploadFrom),
            ReuploadCsvPath = reuploadCsv,
        };
    }

    private static UploadFile ReadUploadFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"--reupload-from {CommandLineValues.Quote(path)} is a folder: name the upload file the batch was made from.");
        }

        try
        {
            return UploadFile.Read(path);
        }
        catch (FormatException error)
        {
            throw new CliException($"--reupload-from {CommandLineValues.Quote(path)}: {error.Message}", error);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"--reupload-from {CommandLineValues.Quote(path)} cannot be read: {error.Message}", error);
        }
    }

    private static void CheckTarget(string? path, string option)
    {
        if (path is null)
        {
            return;
        }

        if (path.Trim().Length == 0 || Directory.Exists(path) || Path.EndsInDirectorySeparator(path))
        {
            throw new CliException($"{option} needs a file name, such as {option} devices.csv.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new CliException($"{option} {CommandLineValues.Quote(path)}: its folder does not exist.");
        }
    }

}
