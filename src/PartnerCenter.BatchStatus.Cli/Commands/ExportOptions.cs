using System.CommandLine;
using PartnerCenter.BatchStatus.Cli.Exports;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>The options that write files besides the report: the failed devices, and the rows to upload again.</summary>
internal sealed class ExportOptions
{
    private readonly bool _manyBatches;
    private readonly Option<string?> _failedCsv;
    private readonly Option _reuploadFrom;
    private readonly Func<ParseResult, string[]> _reuploadFromValues;
    private readonly Option<string?> _reuploadCsv;

    /// <summary>Initializes a new instance of the <see cref="ExportOptions"/> class.</summary>
    /// <param name="manyBatches">
    /// Whether the command watches many batches (<c>watch</c>): the failed devices then start with the customer and
    /// batch, and <c>--reupload-from</c> may be given more than once, or name a folder.
    /// </param>
    public ExportOptions(bool manyBatches = false)
    {
        _manyBatches = manyBatches;
        const string Columns = "serial number, product key, device id, status, error code and name, "
            + "what to do (upload again, fix the data, chase the owner, nothing to do, unknown) and the remedy";
        _failedCsv = CommandLineValues.Option("--failed-csv", "file", manyBatches
            ? "Write every failed device of every batch watched to this one CSV file, written at the end (after Ctrl+C too, with what is known): "
                + $"customer id and batch tracking id, then {Columns}. A batch that did not finish adds the devices failed so far; one that ended in error, none."
            : $"Write every failed device to this CSV file: {Columns}.");
        if (manyBatches)
        {
            var option = new Option<string[]>("--reupload-from")
            {
                Description = "An upload file the batches were made from (Partner Center's or Intune's CSV format), for --reupload-csv. "
                    + $"Give it once per file, or name a folder for every file ending in {OriginalFiles.Extension} (any case) directly in it, in name order. "
                    + "The files must share one header.",
                HelpName = "file|folder",
                Arity = ArgumentArity.ZeroOrMore,
                AllowMultipleArgumentsPerToken = false,
            };
            (_reuploadFrom, _reuploadFromValues) = (option, parse => parse.GetValue(option) ?? []);
        }
        else
        {
            var option = CommandLineValues.Option("--reupload-from", "file",
                "The upload file the batch was made from (Partner Center's or Intune's CSV format), for --reupload-csv.");
            (_reuploadFrom, _reuploadFromValues) = (option, parse => parse.GetValue(option) is { } path ? [path] : []);
        }

        _reuploadCsv = CommandLineValues.Option("--reupload-csv", "file", manyBatches
            ? "Write the rows of the --reupload-from files to upload again to this file: the devices that failed for a passing reason in the batches, "
                + "as they were, under the files' header (a device in several files from the first of them). Rows left out are counted by reason; devices found in none are listed."
            : "Write the rows of --reupload-from to upload again to this file: the devices that failed for a passing reason, "
                + "as they were, under the original header. Rows left out are counted by reason; devices found in neither are listed.");
    }

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        command.Add(_failedCsv);
        command.Add(_reuploadFrom);
        command.Add(_reuploadCsv);
    }

    /// <summary>Reads and checks the options, and reads the upload files, so that a mistake shows before Partner Center is called.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="readsStandardInput">Whether the run reads its input from the standard input, which no export may then replace.</param>
    /// <param name="otherInputs">
    /// The other files the run reads (such as the certificate), each with what it is for the message (such as
    /// <c>the file of --certificate</c>), which no export may replace.
    /// </param>
    /// <returns>The settings.</returns>
    /// <exception cref="CliException">
    /// The options do not combine, a folder is missing, an export is the same file as an input or as the other export
    /// (by file identity: hard and symbolic links to one file are the same file), or an upload file cannot be read or
    /// does not share the first one's header.
    /// </exception>
    public ExportSettings Read(ParseResult parse, bool readsStandardInput, params (string What, string? Path)[] otherInputs)
    {
        var failedCsv = parse.GetValue(_failedCsv);
        var reuploadFrom = _reuploadFromValues(parse);
        var reuploadCsv = parse.GetValue(_reuploadCsv);
        if ((reuploadFrom.Length == 0) != (reuploadCsv is null))
        {
            throw new CliException(_manyBatches
                ? "--reupload-from and --reupload-csv go together: the files the batches were uploaded from, and the file to write."
                : "--reupload-from and --reupload-csv go together: the file the batch was uploaded from, and the file to write.");
        }

        CheckTarget(failedCsv, "--failed-csv");
        CheckTarget(reuploadCsv, "--reupload-csv");
        var originals = _manyBatches ? OriginalFiles.List(reuploadFrom) : reuploadFrom;
        var outputs = new[] { ("--failed-csv", failedCsv), ("--reupload-csv", reuploadCsv) }
            .Where(output => output.Item2 is not null)
            .Select(output => (Option: output.Item1, File: SameFile.Key(output.Item2!)))
            .ToArray();
        var inputs = originals
            .Select(path => (What: originals.Count == 1 ? "the original upload file (--reupload-from)" : $"the original upload file {OriginalFiles.Name(path)} (--reupload-from)", Path: (string?)path))
            .Concat(otherInputs)
            .Where(input => input.Path is not null)
            .Select(input => (input.What, File: SameFile.Key(input.Path!)))
            .ToArray();
        foreach (var (option, file) in outputs)
        {
            foreach (var input in inputs.Where(input => input.File.IsSameAs(file)))
            {
                throw new CliException($"{option} must not be {input.What}, by any path or link to it: write to a new file.");
            }
        }

        foreach (var (option, path) in new[] { ("--failed-csv", failedCsv), ("--reupload-csv", reuploadCsv) })
        {
            if (path is not null && FileIdentity.Of(path) is { IsRegularFile: true } identity && StandardStreams.Name(identity, readsStandardInput) is { } stream)
            {
                throw new CliException($"{option} {CommandLineValues.Quote(path)} is the file the tool's {stream}: name another file.");
            }
        }

        if (outputs.Length == 2 && outputs[0].File.IsSameAs(outputs[1].File))
        {
            throw new CliException("--failed-csv and --reupload-csv must be different files.");
        }

        var files = originals.Select(ReadUploadFile).ToArray();
        OriginalFiles.CheckOneFormat(files);
        return new ExportSettings
        {
            FailedCsvPath = failedCsv,
            ReuploadFrom = files,
            ReuploadCsvPath = reuploadCsv,
            ManyBatches = _manyBatches,
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

        // '-' is no file: the report, not the export, goes to the standard output.
        if (path.Trim().Length == 0 || path == "-" || Directory.Exists(path) || Path.EndsInDirectorySeparator(path))
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
