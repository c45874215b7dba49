namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>A final handler whose attempts never answer: each waits until it is canceled.</summary>
internal sealed class HangingHandler : HttpMessageHandler
{
    private readonly TaskCompletionSource _firstAttempt = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string?> _requestIds = [];

    /// <summary>Gets a task that completes when the first attempt has started.</summary>
    public Task FirstAttempt => _firstAttempt.Task;

    public IReadOnlyList<string?> RequestIds
    {
        get
        {
            lock (_requestIds)
            {
                return [.. _requestIds];
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requestIds)
        {
            _requestIds.Add(request.Headers.TryGetValues(PartnerCenterHeaderNames.RequestId, out var ids) ? ids.Single() : null);
        }

        _firstAttempt.TrySetResult();
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        throw new InvalidOperationException("Unreachable: the delay only ends by cancellation.");
    }
}
