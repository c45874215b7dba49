namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>
/// A bound in real time that only keeps a broken build from hanging the test run, far above what any run takes on a
/// loaded machine: no assertion depends on how long something took. Where a bound of the tool runs on the real clock
/// (the sign-in timeout, a process of its own), tests assert that it fired by its exit code and message.
/// </summary>
internal static class HangGuard
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(180);

    /// <summary>Awaits <paramref name="task"/>; fails the test when it has not ended within <see cref="Limit"/>.</summary>
    public static async Task<T> Within<T>(Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"Hang guard: {what} did not end within {Limit.TotalSeconds} s of real time.");
        }
    }

    /// <summary>Waits for an event of the run (a condition it makes true), polling; the limit only guards against a hang.</summary>
    public static async Task Until(Func<bool> condition, int pollMilliseconds = 10)
    {
        using var guard = new CancellationTokenSource(Limit);
        while (!condition())
        {
            await Task.Delay(pollMilliseconds, guard.Token);
        }
    }
}
