using Xunit;

namespace Contoso.Onboarding;

/// <summary>The snippets write to the console, as an application would; tests that read what they wrote run alone.</summary>
[CollectionDefinition(nameof(ConsoleOutput), DisableParallelization = true)]
public sealed class ConsoleOutput
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    /// <summary>Runs <paramref name="action"/> with the console's output captured, and returns its result and the lines written.</summary>
    public static async Task<(T Result, IReadOnlyList<string> Lines)> CaptureAsync<T>(Func<Task<T>> action)
    {
        await OneAtATime.WaitAsync();
        var previous = Console.Out;
        using var output = new StringWriter();
        Console.SetOut(output);
        try
        {
            var result = await action();
            return (result, output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Console.SetOut(previous);
            OneAtATime.Release();
        }
    }
}
