using System.Collections.Concurrent;
using System.Diagnostics;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>Records the activities of the client's <c>PartnerCenter.BatchStatus</c> source.</summary>
internal sealed class ActivityRecorder : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "PartnerCenter.BatchStatus",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Gets the activity of the call that sent <paramref name="requestId"/> (other tests may run at the same time).</summary>
    public Activity ForRequest(string? requestId) =>
        Assert.Single(_stopped, activity => (string?)activity.GetTagItem("partnercenter.request_id") == requestId);

    public void Dispose() => _listener.Dispose();
}
