using System.Globalization;
using System.Net;
using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// A batch that the fake service serves: the answers its successive polls get, declared in order.
/// </summary>
/// <remarks>
/// Each poll of the batch gets the next declared answer; once all were served, the last one repeats. Until an
/// answer is declared, the batch answers as an unknown batch does (404). The same batch is served by both hosts,
/// <see cref="FakePartnerCenterTransport"/> in the process and the WireMock host over loopback.
/// </remarks>
/// <example>
/// <code>
/// service.AddBatch(customerId, batchTrackingId)
///     .ThenFail(503)
///     .ThenProcessing()
///     .ThenFinishedWithErrors(FakeDevice.Finished("SN-1"), FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant"));
/// </code>
/// </example>
public sealed class FakeBatch
{
    private readonly FakePartnerCenterTransport _service;
    private readonly List<FakeAnswer> _answers = [];
    private DateTimeOffset? _completedTime;
    private int _calls;

    internal FakeBatch(FakePartnerCenterTransport service, Guid customerId, Guid batchTrackingId)
    {
        _service = service;
        CustomerId = customerId;
        BatchTrackingId = batchTrackingId;
        StartedTime = ToTheSecond(service.TimeProvider.GetUtcNow());
    }

    /// <summary>Gets the customer's tenant id.</summary>
    public Guid CustomerId { get; }

    /// <summary>Gets the batch tracking id.</summary>
    public Guid BatchTrackingId { get; }

    /// <summary>Gets the <c>startedTime</c> the batch reports: when it was added, on the service's clock, in UTC, to the second.</summary>
    public DateTimeOffset StartedTime { get; }

    /// <summary>Gets how many polls reached the batch so far (a throttled request does not).</summary>
    public int Calls => Volatile.Read(ref _calls);

    /// <summary>Answers with the batch <c>queued</c>.</summary>
    /// <param name="devices">The devices the answer lists.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenQueued(params FakeDevice[] devices) => ThenStatus(DeviceUploadStatus.Queued.ToString(), devices);

    /// <summary>Answers with the batch <c>processing</c>.</summary>
    /// <param name="devices">The devices the answer lists.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenProcessing(params FakeDevice[] devices) => ThenStatus(DeviceUploadStatus.Processing.ToString(), devices);

    /// <summary>Answers with the batch <c>finished</c>, with a <c>completedTime</c>.</summary>
    /// <param name="devices">The devices the answer lists, each with its own status (a finished batch can hold failed devices).</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenFinished(params FakeDevice[] devices) => ThenStatus(DeviceUploadStatus.Finished.ToString(), devices);

    /// <summary>Answers with the batch <c>finished_with_errors</c>, with a <c>completedTime</c>.</summary>
    /// <param name="devices">The devices the answer lists, such as <see cref="FakeDevice.Failed"/> ones.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenFinishedWithErrors(params FakeDevice[] devices) => ThenStatus(DeviceUploadStatus.FinishedWithErrors.ToString(), devices);

    /// <summary>
    /// Answers with the batch in any status, including one the contract does not list (such as <c>cancelled</c>).
    /// <c>finished</c> and <c>finished_with_errors</c> carry a <c>completedTime</c>: the time the batch was first
    /// answered as finished.
    /// </summary>
    /// <param name="status">The status as sent on the wire.</param>
    /// <param name="devices">The devices the answer lists.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentException"><paramref name="status"/> is empty, or <paramref name="devices"/> holds <see langword="null"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="status"/> or <paramref name="devices"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenStatus(string status, params FakeDevice[] devices)
    {
        ArgumentException.ThrowIfNullOrEmpty(status);
        var listed = Listed(devices);
        return Add(new(200, () => Body(status, listed)));
    }

    /// <summary>
    /// Answers <c>processing</c> until <paramref name="duration"/> has passed on the service's clock, then
    /// <c>finished</c> (or <c>finished_with_errors</c> when a device failed) from then on: a batch that finishes at a
    /// chosen time, however often it is polled.
    /// </summary>
    /// <param name="duration">How long the batch takes, from now.</param>
    /// <param name="devices">The devices of the finished batch; while processing they are listed as <c>processing</c>.</param>
    /// <returns>This batch, to declare the next answer (served once this one is).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="devices"/> holds <see langword="null"/>.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="devices"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch FinishesAfter(TimeSpan duration, params FakeDevice[] devices)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        var final = Listed(devices);
        var due = _service.TimeProvider.GetUtcNow() + duration;
        var processing = final.Select(device => FakeDevice.Processing(device.SerialNumber, device.ProductKey)).ToArray();
        var status = final.Any(device => device.ErrorCode is not null || device.Status == DeviceUploadStatus.FinishedWithErrors.ToString())
            ? DeviceUploadStatus.FinishedWithErrors.ToString()
            : DeviceUploadStatus.Finished.ToString();
        return Add(new(200, () => _service.TimeProvider.GetUtcNow() < due ? Body(DeviceUploadStatus.Processing.ToString(), processing) : Body(status, final)));
    }

    /// <summary>Answers <c>200 OK</c> with <paramref name="details"/>, written as the client writes the model.</summary>
    /// <param name="details">The details to send, such as one built with <see cref="BatchStatusModelFactory"/>.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenRespond(BatchUploadDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var body = JsonSerializer.Serialize(details, BatchStatusJson.BatchUploadDetails);
        return Add(new(200, () => body));
    }

    /// <summary>Answers with any status, body and headers, on top of Partner Center's response headers.</summary>
    /// <param name="statusCode">The HTTP status code, 200 to 599.</param>
    /// <param name="body">The body, sent as it is.</param>
    /// <param name="contentType">The body's media type. The default value is <c>application/json</c>.</param>
    /// <param name="headers">
    /// Response headers sent as written, in place of the service's own of the same name (such as a documented
    /// <c>MS-RequestId</c>, or a <c>Retry-After</c> as an HTTP date).
    /// </param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not between 200 and 599.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="contentType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenRespond(int statusCode, string body, string contentType = "application/json", IReadOnlyDictionary<string, string>? headers = null)
    {
        CheckStatus(statusCode, 200);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(contentType);
        return Add(new(statusCode, () => body, contentType) { Headers = headers is null ? new Dictionary<string, string>() : new Dictionary<string, string>(headers) });
    }

    /// <summary>
    /// Answers with an error status and a Partner Center error body
    /// (<c>{"code": ..., "description": ..., "data": [], "source": "PartnerFD"}</c>).
    /// </summary>
    /// <param name="statusCode">The HTTP status code, 400 to 599.</param>
    /// <param name="code">The service's error code, such as <c>900421</c>. The default value is the status code.</param>
    /// <param name="description">The error's description. The default value is the status's reason phrase.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not between 400 and 599.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenFail(int statusCode, string? code = null, string? description = null)
    {
        CheckStatus(statusCode, 400);
        return Add(FakeAnswer.Error(statusCode, code ?? statusCode.ToString(CultureInfo.InvariantCulture), description ?? ReasonPhrase(statusCode) + "."));
    }

    /// <summary>
    /// Answers <c>429 Too Many Requests</c> with <c>Retry-After</c> (in whole seconds, rounded up) and a Partner Center error body.
    /// </summary>
    /// <param name="retryAfter">How long the service asks to wait.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retryAfter"/> is negative.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenThrottle(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return Add(FakeAnswer.Throttled(retryAfter));
    }

    /// <summary>
    /// Answers with an HTML error page, as a gateway in front of the service does: no Partner Center error body
    /// and no Partner Center response headers.
    /// </summary>
    /// <param name="statusCode">The HTTP status code, such as 502.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not between 200 and 599.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenHtml(int statusCode)
    {
        CheckStatus(statusCode, 200);
        var title = string.Create(CultureInfo.InvariantCulture, $"{statusCode} {ReasonPhrase(statusCode)}");
        var page = $"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1><p>The gateway could not get an answer from the service.</p></body></html>";
        return Add(new(statusCode, () => page, "text/html; charset=utf-8", FromPartnerCenter: false));
    }

    /// <summary>Answers <c>200 OK</c> with a JSON body cut off halfway, as a dropped connection leaves it.</summary>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenMalformedBody()
    {
        var whole = Body(DeviceUploadStatus.Processing.ToString(), []);
        return Add(new(200, () => whole[..(whole.Length / 2)]));
    }

    /// <summary>Makes the answer declared last arrive only after <paramref name="delay"/> on the service's clock, as a slow service does.</summary>
    /// <remarks>The batch moves on to its next answer when the delayed one is asked for; cancelling the request or disposing the fake ends the wait.</remarks>
    /// <param name="delay">How long the answer takes; <see cref="Timeout.InfiniteTimeSpan"/> for an answer that never comes.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is zero or negative (other than infinite).</exception>
    /// <exception cref="InvalidOperationException">No answer was declared yet.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch WithDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay == Timeout.InfiniteTimeSpan ? TimeSpan.MaxValue : delay, TimeSpan.Zero, nameof(delay));
        lock (_answers)
        {
            _service.ThrowIfDisposed();
            if (_answers.Count == 0)
            {
                throw new InvalidOperationException("Declare an answer first (such as ThenProcessing()), then delay it.");
            }

            _answers[^1] = _answers[^1] with { Delay = delay };
        }

        return this;
    }

    /// <summary>The answer to the next poll, or <see langword="null"/> while none is declared.</summary>
    internal FakeAnswer? Next()
    {
        lock (_answers)
        {
            var call = _calls;
            Interlocked.Increment(ref _calls);
            return _answers.Count == 0 ? null : _answers[Math.Min(call, _answers.Count - 1)];
        }
    }

    internal static DateTimeOffset ToTheSecond(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerSecond));

    private static FakeDevice[] Listed(FakeDevice[] devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return Array.IndexOf(devices, null) < 0 ? [.. devices] : throw new ArgumentException("The devices must not contain null.", nameof(devices));
    }

    private static void CheckStatus(int statusCode, int lowest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, lowest);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, 599);
    }

    private static string ReasonPhrase(int statusCode)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)statusCode);
        return response.ReasonPhrase ?? "Error";
    }

    private string Body(string status, FakeDevice[] devices) =>
        BatchBody.Write(BatchTrackingId, status, StartedTime, new BatchUploadDetails { Status = status }.IsCompleted() ? CompletedTime() : null, devices);

    private DateTimeOffset CompletedTime()
    {
        lock (_answers)
        {
            return _completedTime ??= ToTheSecond(_service.TimeProvider.GetUtcNow());
        }
    }

    private FakeBatch Add(FakeAnswer answer)
    {
        lock (_answers)
        {
            _service.ThrowIfDisposed();
            _answers.Add(answer);
        }

        return this;
    }
}
