using System.Globalization;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// A batch that <see cref="FakePartnerCenterTransport"/> serves: one declared answer per call, in order; the last
/// answer is repeated.
/// </summary>
#if EMBEDDED_FAKE_TRANSPORT
internal
#else
public
#endif
sealed class FakeTransportBatch
{
    private const string JsonContentType = "application/json; charset=utf-8";

    private readonly object _gate = new();
    private readonly List<Func<(int Status, string Body, string ContentType, TimeSpan? RetryAfter)>> _answers = [];
    private DateTimeOffset? _completedTime;
    private readonly TimeProvider _timeProvider;
    private int _calls;

    internal FakeTransportBatch(Guid customerId, Guid batchTrackingId, DateTimeOffset startedTime, TimeProvider timeProvider)
    {
        _timeProvider = timeProvider;
        CustomerId = customerId;
        BatchTrackingId = batchTrackingId;
        StartedTime = startedTime;
    }

    /// <summary>Gets the customer's tenant id.</summary>
    public Guid CustomerId { get; }

    /// <summary>Gets the batch tracking id.</summary>
    public Guid BatchTrackingId { get; }

    /// <summary>Gets the <c>startedTime</c> the batch reports: when it was added, in UTC, to the second.</summary>
    public DateTimeOffset StartedTime { get; }

    /// <summary>Gets how many times the batch was asked for so far.</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Answers with the batch <c>queued</c>.</summary>
    /// <param name="devices">The devices the answer lists.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    public FakeTransportBatch ThenQueued(params FakeDevice[] devices) => ThenStatus(DeviceUploadStatus.Queued.ToString(), devices);

    /// <summary>Answers with the batch <c>processing</c>.</summary>
    /// <param name="devices">The devices the answer lists.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    public FakeTransportBatch ThenProcessing(params FakeDevice[] devices) => ThenStatus(DeviceUploadStatus.Processing.ToString(), devices);

    /// <summary>Answers with the batch <c>finished</c>, with a <c>completedTime</c>.</summary>
    /// <param name="devices">The devices the answer lists, each with its own status.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    public FakeTransportBatch ThenFinished(params FakeDevice[] devices) => ThenStatus(DeviceUploadStatus.Finished.ToString(), devices);

    /// <summary>Answers with the batch <c>finished_with_errors</c>, with a <c>completedTime</c>.</summary>
    /// <param name="devices">The devices the answer lists.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    public FakeTransportBatch ThenFinishedWithErrors(params FakeDevice[] devices) => ThenStatus(DeviceUploadStatus.FinishedWithErrors.ToString(), devices);

    /// <summary>Answers with the batch in any status, including one the contract does not list (such as <c>cancelled</c>).</summary>
    /// <param name="status">The status as sent on the wire; <c>finished</c> and <c>finished_with_errors</c> carry a <c>completedTime</c>.</param>
    /// <param name="devices">The devices the answer lists.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentException"><paramref name="status"/> is empty, or <paramref name="devices"/> holds <see langword="null"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="status"/> or <paramref name="devices"/> is <see langword="null"/>.</exception>
    public FakeTransportBatch ThenStatus(string status, params FakeDevice[] devices)
    {
        ArgumentException.ThrowIfNullOrEmpty(status);
        ArgumentNullException.ThrowIfNull(devices);
        if (Array.IndexOf(devices, null) >= 0)
        {
            throw new ArgumentException("The devices must not contain null.", nameof(devices));
        }

        FakeDevice[] listed = [.. devices];
        var finished = new BatchUploadDetails { Status = status }.IsCompleted();
        return Add(() => (200, BatchBody.Write(BatchTrackingId, status, StartedTime, finished ? CompletedTime() : null, listed), JsonContentType, null));
    }

    /// <summary>
    /// Answers <c>processing</c> until <paramref name="duration"/> has passed on the service's clock since the batch was
    /// added, then <c>finished</c> (or <c>finished_with_errors</c> when a device failed) from then on: a batch that
    /// finishes at a chosen time, however often it is polled.
    /// </summary>
    /// <param name="duration">How long the batch takes, from now.</param>
    /// <param name="devices">The devices of the finished batch; while processing they are listed as <c>processing</c>.</param>
    /// <returns>This batch.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="devices"/> is <see langword="null"/>.</exception>
    public FakeTransportBatch FinishesAfter(TimeSpan duration, params FakeDevice[] devices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(devices);
        var due = _timeProvider.GetUtcNow() + duration;
        FakeDevice[] final = [.. devices];
        var processing = final.Select(device => new FakeDevice(device.SerialNumber) { ProductKey = device.ProductKey, Status = DeviceUploadStatus.Processing.ToString() }).ToArray();
        var status = final.Any(device => device.ErrorCode is not null || device.Status == DeviceUploadStatus.FinishedWithErrors.ToString())
            ? DeviceUploadStatus.FinishedWithErrors.ToString()
            : DeviceUploadStatus.Finished.ToString();
        return Add(() => _timeProvider.GetUtcNow() < due
            ? (200, BatchBody.Write(BatchTrackingId, DeviceUploadStatus.Processing.ToString(), StartedTime, null, processing), JsonContentType, null)
            : (200, BatchBody.Write(BatchTrackingId, status, StartedTime, CompletedTime(), final), JsonContentType, null));
    }

    /// <summary>Answers with any status and body.</summary>
    /// <param name="statusCode">The HTTP status code, 200 to 599.</param>
    /// <param name="body">The body, sent as it is.</param>
    /// <param name="contentType">The body's media type. The default value is <c>application/json</c>.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not between 200 and 599.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="contentType"/> is <see langword="null"/>.</exception>
    public FakeTransportBatch ThenRespond(int statusCode, string body, string contentType = "application/json")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(contentType);
        return Add(() => (statusCode, body, contentType, null));
    }

    /// <summary>Answers with an error status and a Partner Center error body.</summary>
    /// <param name="statusCode">The HTTP status code, 400 to 599.</param>
    /// <param name="code">The service's error code. The default value is the status code.</param>
    /// <param name="description">The error's description. The default value is <c>Error.</c>.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not between 400 and 599.</exception>
    public FakeTransportBatch ThenFail(int statusCode, string? code = null, string? description = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
        var body = PartnerCenterErrorBody.Write(code ?? statusCode.ToString(CultureInfo.InvariantCulture), description ?? "Error.");
        return Add(() => (statusCode, body, JsonContentType, null));
    }

    /// <summary>Answers <c>429 Too Many Requests</c> with <c>Retry-After</c> in whole seconds (rounded up) and a Partner Center error body.</summary>
    /// <param name="retryAfter">How long the service asks to wait.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    public FakeTransportBatch ThenThrottle(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        var wait = TimeSpan.FromSeconds(Math.Ceiling(retryAfter.TotalSeconds));
        var body = PartnerCenterErrorBody.Write("429", string.Create(CultureInfo.InvariantCulture, $"Too many requests. Retry after {wait.TotalSeconds} seconds."));
        return Add(() => (429, body, JsonContentType, wait));
    }

    internal (int Status, string Body, string ContentType, TimeSpan? RetryAfter) Next()
    {
        Func<(int, string, string, TimeSpan?)> answer;
        lock (_gate)
        {
            var call = _calls;
            Interlocked.Increment(ref _calls);
            if (_answers.Count == 0)
            {
                return (404, PartnerCenterErrorBody.Write("NotFound", "The batch has no answer declared yet."), JsonContentType, null);
            }

            answer = _answers[Math.Min(call, _answers.Count - 1)];
        }

        return answer();
    }

    private FakeTransportBatch Add(Func<(int Status, string Body, string ContentType, TimeSpan? RetryAfter)> answer)
    {
        lock (_gate)
        {
            _answers.Add(answer);
        }

        return this;
    }

    private DateTimeOffset CompletedTime()
    {
        lock (_gate)
        {
            var now = _timeProvider.GetUtcNow();
            _completedTime ??= now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
            return _completedTime.Value;
        }
    }
}
