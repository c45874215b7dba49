using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>
/// The one way to run pcbatch as a process of its own, with only the environment variables a test gives (and what
/// starting a process needs): the executable named by <c>PCBATCH_UNDER_TEST</c> (an installed tool, such as the native
/// one the package check installs), or else the tool's build output, which the test project copies beside the tests,
/// run by the same <c>dotnet</c> host. The tool is started through <c>env --default-signal</c>: a runner started in the
/// background may hand its children SIGINT and SIGTERM ignored, which would make a signal test pass or fail by how the
/// tests were started. Every wait is bounded by <see cref="HangGuard.Limit"/> only.
/// </summary>
internal static partial class ToolProcess
{
    public const string UnderTestVariable = "PCBATCH_UNDER_TEST";
    public const int SigInt = 2;
    public const int SigTerm = 15;

    /// <summary>Gets what runs: the executable under test, or the build beside the tests.</summary>
    public static string Description => Environment.GetEnvironmentVariable(UnderTestVariable) is { Length: > 0 } path ? path : "dotnet " + BuiltTool;

    // Under the tests' build output, as ScratchFolder: never the machine's own home or temporary folder.
    private static string Home { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "scratch", "tool-home")).FullName;

    private static string BuiltTool => Path.Combine(AppContext.BaseDirectory, "tool", "pcbatch.dll");

    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> variables, params string[] args) =>
        RunAsync(variables, input: null, workingDirectory: null, args);

    /// <summary>Runs the tool with <paramref name="input"/> as its standard input, in <paramref name="workingDirectory"/>.</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> variables, byte[]? input, string? workingDirectory, params string[] args)
    {
        using var running = Start(variables, workingDirectory, args);
        if (input is not null)
        {
            await running.Process.StandardInput.BaseStream.WriteAsync(input);
        }

        running.Process.StandardInput.Close();
        return await running.WaitAsync();
    }

    /// <summary>Runs the tool through <c>sh</c> with a redirection of its own streams, such as <c>&gt; report.txt</c> or <c>&gt;&amp;-</c> (closed).</summary>
    public static Task<CliRun> RunRedirectedAsync(string redirection, string workingDirectory, params string[] args) =>
        RunInShellAsync("exec \"$@\" " + redirection, workingDirectory, args);

    /// <summary>Runs an <c>sh</c> script in which <c>"$@"</c> is the tool with <paramref name="args"/>, such as a pipeline.</summary>
    public static async Task<CliRun> RunInShellAsync(string script, string workingDirectory, params string[] args)
    {
        var start = StartInfo(new Dictionary<string, string>(), args, workingDirectory);
        Prefix(start, "sh", "-c", script, "sh");
        using var running = new Running(Process.Start(start)!, string.Join(' ', args));
        running.Process.StandardInput.Close();
        return await running.WaitAsync();
    }

    /// <summary>Starts the tool, for a test that acts on it while it runs (such as a signal); its standard input stays open.</summary>
    public static Running Start(IReadOnlyDictionary<string, string> variables, string? workingDirectory, params string[] args)
    {
        var start = StartInfo(variables, args, workingDirectory);
        Prefix(start, "env", "--default-signal=INT,TERM");
        return new Running(Process.Start(start) ?? throw new InvalidOperationException("pcbatch did not start: " + Description), string.Join(' ', args));
    }

    /// <summary>
    /// Runs the tool on a pseudo-terminal of <paramref name="rows"/> × <paramref name="columns"/> (util-linux
    /// <c>script</c>), its standard output sent to <paramref name="outputFile"/>: what comes back is every byte the tool
    /// wrote to the terminal, and its exit code. <c>TERM</c> given empty: the terminal names no type at all.
    /// </summary>
    public static async Task<(int ExitCode, byte[] Terminal)> RunOnTerminalAsync(IReadOnlyDictionary<string, string> variables, int rows, int columns, string outputFile, params string[] args)
    {
        var tool = StartInfo(variables, args);
        var unset = variables.TryGetValue("TERM", out var type) && type.Length == 0 ? " -u TERM" : string.Empty;
        var command = $"stty rows {rows} cols {columns} && exec env{unset} --default-signal=INT,TERM {string.Join(' ', tool.ArgumentList.Prepend(tool.FileName).Select(Quote))} > {Quote(outputFile)}";
        tool.ArgumentList.Clear();
        tool.FileName = "script";
        foreach (var argument in new[] { "-q", "-e", "-c", command, "/dev/null" })
        {
            tool.ArgumentList.Add(argument);
        }

        // The live view is for terminals that move the cursor: not the "dumb" the plain runs are given.
        tool.Environment["TERM"] = "xterm-256color";
        using var running = new Running(Process.Start(tool)!, string.Join(' ', args), binaryOutput: true);
        running.Process.StandardInput.Close();
        var run = await running.WaitAsync();
        return (run.ExitCode, running.OutputBytes);
    }

    /// <summary>How to start the tool with <paramref name="args"/> and only the environment variables given (and what starting a process needs).</summary>
    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> variables, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory ?? Home };
        if (Environment.GetEnvironmentVariable(UnderTestVariable) is { Length: > 0 } executable)
        {
            // Named on purpose: a missing file fails the tests instead of testing something else.
            start.FileName = File.Exists(executable) ? executable : throw new FileNotFoundException($"{UnderTestVariable} names no file: {executable}");
        }
        else
        {
            start.FileName = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
            start.ArgumentList.Add(BuiltTool);
        }

        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        // Nothing of this machine's environment (its AZURE_* settings above all) reaches the tool.
        var path = Environment.GetEnvironmentVariable("PATH");
        var dotnetRoot = Environment.GetEnvironmentVariable("DOTNET_ROOT");
        start.Environment.Clear();
        start.Environment["PATH"] = path;
        if (dotnetRoot is not null)
        {
            start.Environment["DOTNET_ROOT"] = dotnetRoot;
        }

        start.Environment["HOME"] = Home;
        start.Environment["TERM"] = "dumb";
        foreach (var (name, value) in variables)
        {
            start.Environment[name] = value;
        }

        return start;
    }

    private static void Prefix(ProcessStartInfo start, params string[] prefix)
    {
        start.ArgumentList.Insert(0, start.FileName);
        for (var i = prefix.Length - 1; i > 0; i--)
        {
            start.ArgumentList.Insert(0, prefix[i]);
        }

        start.FileName = prefix[0];
    }

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>A run of the tool in progress: its output is read as it comes, its error lines counted.</summary>
    internal sealed class Running : IDisposable
    {
        private readonly StringBuilder _error = new();
        private readonly MemoryStream _outputBytes = new();
        private readonly Task<string> _output;
        private readonly Task _errorRead;
        private readonly string _args;
        private int _errorLines;

        public Running(Process process, string args, bool binaryOutput = false)
        {
            Process = process;
            _args = args;
            _output = binaryOutput ? process.StandardOutput.BaseStream.CopyToAsync(_outputBytes).ContinueWith(_ => string.Empty, TaskScheduler.Default) : process.StandardOutput.ReadToEndAsync();
            _errorRead = ReadErrorAsync();
        }

        public Process Process { get; }

        public bool HasExited => Process.HasExited;

        public byte[] OutputBytes => _outputBytes.ToArray();

        /// <summary>Waits until the tool has written <paramref name="lines"/> lines to its error stream; throws if it ends first.</summary>
        public async Task WaitForErrorLinesAsync(int lines)
        {
            await HangGuard.Until(() => Volatile.Read(ref _errorLines) >= lines || Process.HasExited, pollMilliseconds: 20);
            if (Volatile.Read(ref _errorLines) < lines)
            {
                throw new InvalidOperationException($"pcbatch ended (exit {Process.ExitCode}) before writing {lines} lines:\n{Error()}");
            }
        }

        /// <summary>Sends a POSIX signal, such as SIGTERM, as a terminal's Ctrl+C or a service manager does.</summary>
        public void Signal(int signal)
        {
            if (Kill(Process.Id, signal) != 0)
            {
                throw new InvalidOperationException($"kill({Process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }

        /// <summary>Waits for the tool to end; the limit only guards against a hang.</summary>
        public async Task<CliRun> WaitAsync()
        {
            using var timeout = new CancellationTokenSource(HangGuard.Limit);
            try
            {
                await Process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Hang guard: {Description} {_args} did not end within {HangGuard.Limit.TotalSeconds} s of real time.");
            }

            await _errorRead;
            return new CliRun(Process.ExitCode, await _output, Error());
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }

        private async Task ReadErrorAsync()
        {
            var buffer = new char[4096];
            int read;
            while ((read = await Process.StandardError.ReadAsync(buffer)) > 0)
            {
                lock (_error)
                {
                    _error.Append(buffer, 0, read);
                }

                Interlocked.Add(ref _errorLines, buffer.AsSpan(0, read).Count('\n'));
            }
        }

        private string Error()
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }
}
