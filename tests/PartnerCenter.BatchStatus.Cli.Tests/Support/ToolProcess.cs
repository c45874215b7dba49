using System.Diagnostics;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>
/// Runs pcbatch as a process of its own, with only the environment variables a test gives (and what starting a
/// process needs): the executable named by <c>PCBATCH_UNDER_TEST</c> (an installed tool, such as the native one the
/// package check installs), or else the tool's build output, which the test project copies beside the tests, run by the same <c>dotnet</c> host.
/// </summary>
internal static class ToolProcess
{
    /// <summary>The variable that names the executable under test.</summary>
    public const string UnderTestVariable = "PCBATCH_UNDER_TEST";

    /// <summary>Gets what runs: the executable under test, or the build beside the tests.</summary>
    public static string Description => Environment.GetEnvironmentVariable(UnderTestVariable) is { Length: > 0 } path
        ? path
        : "dotnet " + BuiltTool;

    // Under the tests' build output, as ScratchFolder: never the machine's own home or temporary folder.
    private static string Home { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "scratch", "tool-home")).FullName;

    // The tool's build output, copied whole beside the tests by the test project.
    private static string BuiltTool => Path.Combine(AppContext.BaseDirectory, "tool", "pcbatch.dll");

    public static Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> variables, TimeSpan limit, params string[] args) =>
        RunAsync(variables, limit, input: null, workingDirectory: null, args);

    /// <summary>Runs the tool with <paramref name="input"/> as its standard input, in <paramref name="workingDirectory"/>.</summary>
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> variables, TimeSpan limit, byte[]? input, string? workingDirectory, params string[] args)
    {
        using var running = Start(variables, workingDirectory, args);
        if (input is not null)
        {
            await running.Process.StandardInput.BaseStream.WriteAsync(input);
        }

        running.Process.StandardInput.Close();
        return await running.WaitAsync(limit);
    }

    /// <summary>
    /// Runs the tool through <c>sh</c> with a redirection of its own standard streams, as a user's shell gives it: such as
    /// <c>&gt; report.txt</c> (the working directory's file) or <c>&gt;&amp;-</c> (closed).
    /// </summary>
    public static Task<CliRun> RunRedirectedAsync(string redirection, string workingDirectory, TimeSpan limit, params string[] args) =>
        RunInShellAsync("exec \"$@\" " + redirection, workingDirectory, limit, args);

    /// <summary>Runs an <c>sh</c> script in which <c>"$@"</c> is the tool with <paramref name="args"/>, such as a pipeline.</summary>
    public static async Task<CliRun> RunInShellAsync(string script, string workingDirectory, TimeSpan limit, params string[] args)
    {
        var start = StartInfo(new Dictionary<string, string>(), args, workingDirectory);
        start.ArgumentList.Insert(0, start.FileName);
        start.ArgumentList.Insert(0, "sh");
        start.ArgumentList.Insert(0, script);
        start.ArgumentList.Insert(0, "-c");
        start.FileName = "sh";
        using var running = new Running(Process.Start(start) ?? throw new InvalidOperationException("sh did not start"), string.Join(' ', args));
        running.Process.StandardInput.Close();
        return await running.WaitAsync(limit);
    }

    /// <summary>Starts the tool, for a test that acts on it while it runs (such as a signal); its standard input stays open.</summary>
    public static Running Start(IReadOnlyDictionary<string, string> variables, string? workingDirectory, params string[] args)
    {
        var start = StartInfo(variables, args, workingDirectory);

        // A runner started in the background may hand its children SIGINT and SIGTERM ignored: the tool gets the defaults
        // back (env execs it, so the process id is the tool's own), as a shell in the foreground would give it.
        start.ArgumentList.Insert(0, start.FileName);
        start.ArgumentList.Insert(0, "--default-signal=INT,TERM");
        start.FileName = "env";
        var process = Process.Start(start) ?? throw new InvalidOperationException("pcbatch did not start: " + Description);
        return new Running(process, string.Join(' ', args));
    }

    /// <summary>How to start the tool with <paramref name="args"/> and only the environment variables given (and what starting a process needs).</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> variables, IEnumerable<string> args, string? workingDirectory = null)
    {
        var start = StartInfo();
        start.WorkingDirectory = workingDirectory ?? Home;
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

    /// <summary>A run of the tool in progress: its output is read as it comes.</summary>
    internal sealed class Running : IDisposable
    {
        private readonly Task<string> _output;
        private readonly Task<string> _error;
        private readonly string _args;

        public Running(Process process, string args)
        {
            Process = process;
            _args = args;
            _output = process.StandardOutput.ReadToEndAsync();
            _error = process.StandardError.ReadToEndAsync();
        }

        public Process Process { get; }

        public bool HasExited => Process.HasExited;

        /// <summary>Sends a POSIX signal, such as SIGTERM (15), to the tool.</summary>
        public void Signal(int signal)
        {
            if (Posix.Kill(Process.Id, signal) != 0)
            {
                throw new InvalidOperationException($"The signal {signal} could not be sent to {Process.Id}.");
            }
        }

        /// <summary>Waits for the tool to end; the limit only guards against a hang.</summary>
        public async Task<CliRun> WaitAsync(TimeSpan limit)
        {
            using var timeout = new CancellationTokenSource(limit);
            try
            {
                await Process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Hang guard: {Description} {_args} did not end within {limit.TotalSeconds} s of real time.");
            }

            return CliRun.FromProcess(Process.ExitCode, await _output, await _error);
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
            }

            Process.Dispose();
        }
    }

    private static ProcessStartInfo StartInfo()
    {
        var common = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Environment.GetEnvironmentVariable(UnderTestVariable) is { Length: > 0 } executable)
        {
            // Named on purpose: a missing file fails the tests instead of testing something else.
            if (!File.Exists(executable))
            {
                throw new FileNotFoundException($"{UnderTestVariable} names no file: {executable}");
            }

            common.FileName = executable;
            return common;
        }

        common.FileName = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        common.ArgumentList.Add(BuiltTool);
        return common;
    }
}
