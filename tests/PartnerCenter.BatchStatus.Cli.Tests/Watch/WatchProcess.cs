using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using PartnerCenter.BatchStatus.Cli.Tests.Support;

namespace PartnerCenter.BatchStatus.Cli.Tests.Watch;

/// <summary>
/// Runs <c>pcbatch watch</c> as a process of its own, to send it signals or give it a terminal. The tool is started
/// through <c>env --default-signal</c>: a test runner started in the background inherits SIGINT ignored, and a process
/// keeps an ignored signal ignored, which would make a Ctrl+C test pass or fail by how the tests were started.
/// </summary>
internal sealed class WatchProcess : IDisposable
{
    public const int SigInt = 2;
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _error = new();
    private readonly Task<string> _output;
    private readonly Task _errorRead;
    private int _errorLines;

    private WatchProcess(Process process)
    {
        _process = process;
        _process.StandardInput.Close();
        _output = process.StandardOutput.ReadToEndAsync();
        _errorRead = ReadErrorAsync();
    }

    /// <summary>Gets how many lines the tool wrote to its error stream so far.</summary>
    public int ErrorLines => Volatile.Read(ref _errorLines);

    /// <summary>Starts the tool with its error stream redirected (the plain progress lines).</summary>
    public static WatchProcess Start(IReadOnlyDictionary<string, string> variables, params string[] args) =>
        new(Process.Start(Wrapped(ToolProcess.StartInfo(variables, args), ["env", "--default-signal=INT,TERM"], script: null))
            ?? throw new InvalidOperationException("pcbatch did not start: " + ToolProcess.Description));

    /// <summary>
    /// Runs the tool on a pseudo-terminal of <paramref name="rows"/> × <paramref name="columns"/> (util-linux
    /// <c>script</c>), its standard output sent to <paramref name="outputFile"/>: what comes back is every byte the tool
    /// wrote to the terminal, and its exit code.
    /// </summary>
    public static async Task<(int ExitCode, byte[] Terminal)> RunOnTerminalAsync(IReadOnlyDictionary<string, string> variables, int rows, int columns, string outputFile, TimeSpan limit, params string[] args)
    {
        var tool = ToolProcess.StartInfo(variables, args);
        // TERM given empty: the terminal names no type at all (unset, as under cron).
        var unset = variables.TryGetValue("TERM", out var type) && type.Length == 0 ? " -u TERM" : string.Empty;
        var command = new StringBuilder($"stty rows {rows} cols {columns} && exec env{unset} --default-signal=INT,TERM {Quote(tool.FileName)}");
        foreach (var argument in tool.ArgumentList)
        {
            command.Append(' ').Append(Quote(argument));
        }

        command.Append(" > ").Append(Quote(outputFile));
        var start = Wrapped(tool, ["script", "-q", "-e", "-c", command.ToString(), "/dev/null"], script: true);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("script did not start");
        process.StandardInput.Close();
        using var terminal = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(terminal);
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pcbatch on a terminal did not end within {limit.TotalSeconds} s (hang guard).");
        }

        await copy;
        _ = await error;
        return (process.ExitCode, terminal.ToArray());
    }

    /// <summary>Waits until the tool has written <paramref name="lines"/> lines to its error stream; throws if it ends first.</summary>
    public async Task WaitForErrorLinesAsync(int lines, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (ErrorLines < lines)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"pcbatch ended (exit {_process.ExitCode}) before writing {lines} lines:\n{Error()}");
            }

            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Sends a signal to the tool, as a terminal's Ctrl+C (SIGINT) or a service manager (SIGTERM) does.</summary>
    public void Signal(int signal)
    {
        if (Kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits for the tool to end, within a hang guard, and returns what it wrote.</summary>
    public async Task<CliRun> EndAsync(TimeSpan hangGuard)
    {
        using var timeout = new CancellationTokenSource(hangGuard);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pcbatch did not end within {hangGuard.TotalSeconds} s of the signal (hang guard).");
        }

        await _errorRead;
        return CliRun.FromProcess(_process.ExitCode, await _output, Error());
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static ProcessStartInfo Wrapped(ProcessStartInfo tool, string[] prefix, bool? script)
    {
        var start = new ProcessStartInfo(prefix[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = tool.WorkingDirectory,
        };
        foreach (var argument in prefix.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        if (script is null)
        {
            start.ArgumentList.Add(tool.FileName);
            foreach (var argument in tool.ArgumentList)
            {
                start.ArgumentList.Add(argument);
            }
        }

        start.Environment.Clear();
        foreach (var (name, value) in tool.Environment)
        {
            start.Environment[name] = value;
        }

        if (script is true)
        {
            // The live view is for terminals that move the cursor: not the "dumb" the plain runs are given.
            start.Environment["TERM"] = "xterm-256color";
        }

        return start;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private async Task ReadErrorAsync()
    {
        while (await _process.StandardError.ReadLineAsync() is { } line)
        {
            lock (_error)
            {
                _error.Append(line).Append('\n');
            }

            Interlocked.Increment(ref _errorLines);
        }
    }

    private string Error()
    {
        lock (_error)
        {
            return _error.ToString();
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
