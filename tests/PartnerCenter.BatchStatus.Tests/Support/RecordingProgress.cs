namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>Records reports synchronously, in order (<see cref="Progress{T}"/> would post them to the thread pool).</summary>
internal sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly List<T> _reports = [];

    public IReadOnlyList<T> Reports => _reports;

    public void Report(T value) => _reports.Add(value);
}
