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

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> variables, TimeSpan limit, params string[] args)
    {
        var start = StartInfo(variables, args);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("pcbatch did not start: " + Description);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Hang guard: {Description} {string.Join(' ', args)} did not end within {limit.TotalSeconds} s of real time.");
        }

        return CliRun.FromProcess(process.ExitCode, await output, await error);
    }

    /// <summary>How to start the tool with <paramref name="args"/> and only the environment variables given (and what starting a process needs).</summary>
    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> variables, IEnumerable<string> args)
    {
        var start = StartInfo();
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

    private static ProcessStartInfo StartInfo()
    {
        var common = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Home,
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
