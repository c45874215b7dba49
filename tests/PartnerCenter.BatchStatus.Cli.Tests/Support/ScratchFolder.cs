namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>
/// A folder of its own for one test's files, under the test's build output inside the repository (never the
/// machine's temporary folder), removed afterwards.
/// </summary>
internal sealed class ScratchFolder : IDisposable
{
    public ScratchFolder() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(AppContext.BaseDirectory, "scratch", Guid.NewGuid().ToString("N"));

    public string this[string name] => Path.Combine(Root, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left for the next clean: a file still open elsewhere does not fail the test.
        }
    }
}
