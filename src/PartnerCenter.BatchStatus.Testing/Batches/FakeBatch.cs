using System.Globalization;
using System.Net;
using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;
using WireMockRequest = WireMock.RequestBuilders.Request;
using WireMockResponse = WireMock.ResponseBuilders.Response;

namespace PartnerCenter.BatchStatus.Testing;

/// <summary>
/// A batch that <see cref="FakePartnerCenter"/> serves: the answers its successive polls get, declared in order.
/// </summary>
/// <remarks>
/// Each poll of the batch gets the next declared answer; once all were served, the last one repeats. Until an
/// answer is declared, the batch answers as an unknown batch does (404). Declare the answers before the client polls.
/// </remarks>
/// <example>
/// <code>
/// fake.AddBatch(customerId, batchTrackingId)
///     .ThenQueued()
///     .ThenProcessing()
///     .ThenFinishedWithErrors(FakeDevice.Finished("SN-1"), FakeDevice.Failed("SN-2", "808", "ZtdDeviceAssignedToOtherTenant"));
/// </code>
/// </example>
public sealed class FakeBatch
{
    private const int MaxHttpStatus = 599;

    private readonly FakePartnerCenter _owner;
    private readonly List<FakeAnswer> _answers = [];
    private readonly object _gate = new();
    private readonly string _scenario;
    private DateTimeOffset? _completedTime;

    internal FakeBatch(FakePartnerCenter owner, Guid customerId, Guid batchTrackingId, DateTimeOffset startedTime)
    {
        _owner = owner;
        CustomerId = customerId;
        BatchTrackingId = batchTrackingId;
        StartedTime = startedTime;
        _scenario = string.Create(CultureInfo.InvariantCulture, $"batch {customerId:D}/{batchTrackingId:D}");
    }

    /// <summary>Gets the customer's tenant id.</summary>
    public Guid CustomerId { get; }

    /// <summary>Gets the batch tracking id.</summary>
    public Guid BatchTrackingId { get; }

    /// <summary>
    /// Gets the <c>startedTime</c> that the batch's states report: when the batch was added, in UTC, to the second.
    /// </summary>
    public DateTimeOffset StartedTime { get; }

    /// <summary>Gets how many times the batch was asked for and answered so far, whatever the answer.</summary>
    public int Calls => _owner.CallsFor(CustomerId, BatchTrackingId);

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
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see langword="null"/> or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="devices"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenStatus(string status, params FakeDevice[] devices)
    {
        ArgumentException.ThrowIfNullOrEmpty(status);
        ArgumentNullException.ThrowIfNull(devices);
        if (Array.IndexOf(devices, null) >= 0)
        {
            throw new ArgumentException("The devices must not contain null.", nameof(devices));
        }

        FakeDevice[] listed = [.. devices];
        var finished = new BatchUploadDetails { Status = status }.IsCompleted();
        return Add(FakeAnswer.Json(() => BatchBody.Write(BatchTrackingId, status, StartedTime, finished ? CompletedTime() : null, listed)));
    }

    /// <summary>Answers <c>200 OK</c> with <paramref name="details"/>, written as the client writes the model.</summary>
    /// <param name="details">The details to send, such as one built with <see cref="BatchStatusModelFactory"/>.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenRespond(BatchUploadDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var body = JsonSerializer.Serialize(details, BatchStatusJson.Options);
        return Add(FakeAnswer.Json(() => body));
    }

    /// <summary>Answers with any status and body, with Partner Center's response headers.</summary>
    /// <param name="statusCode">The HTTP status code.</param>
    /// <param name="body">The body, sent as it is.</param>
    /// <param name="contentType">The body's media type. The default value is <c>application/json</c>.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="statusCode"/> is not between 200 and 599.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="body"/> or <paramref name="contentType"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenRespond(int statusCode, string body, string contentType = "application/json")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, MaxHttpStatus);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(contentType);
        return Add(FakeAnswer.Raw(statusCode, body, contentType));
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
        var seconds = (long)Math.Ceiling(retryAfter.TotalSeconds);
        var answer = FakeAnswer.Error(
            (int)HttpStatusCode.TooManyRequests,
            "429",
            string.Create(CultureInfo.InvariantCulture, $"Too many requests. Retry after {seconds} seconds."));
        answer.Headers["Retry-After"] = seconds.ToString(CultureInfo.InvariantCulture);
        return Add(answer);
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
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, MaxHttpStatus);
        return Add(FakeAnswer.Error(
            statusCode,
            code ?? statusCode.ToString(CultureInfo.InvariantCulture),
            description ?? ReasonPhrase(statusCode) + "."));
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
        ArgumentOutOfRangeException.ThrowIfLessThan(statusCode, 200);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(statusCode, MaxHttpStatus);
        var title = string.Create(CultureInfo.InvariantCulture, $"{statusCode} {ReasonPhrase(statusCode)}");
        return Add(FakeAnswer.GatewayPage(
            statusCode,
            $"<!DOCTYPE html><html><head><title>{title}</title></head><body><h1>{title}</h1><p>The gateway could not get an answer from the service.</p></body></html>"));
    }

    /// <summary>Answers <c>200 OK</c> with a JSON body cut off halfway, as a dropped connection leaves it.</summary>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch ThenMalformedBody()
    {
        var whole = BatchBody.Write(BatchTrackingId, DeviceUploadStatus.Processing.ToString(), StartedTime, null, []);
        return Add(FakeAnswer.Json(() => whole[..(whole.Length / 2)]));
    }

    /// <summary>Makes the answer declared last arrive only after <paramref name="delay"/>, as a slow service does.</summary>
    /// <remarks>The batch moves on to its next answer when the delayed one is sent; disposing the fake ends the wait.</remarks>
    /// <param name="delay">How long the answer takes; <see cref="Timeout.InfiniteTimeSpan"/> for an answer that never comes.</param>
    /// <returns>This batch, to declare the next answer.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delay"/> is zero or negative (other than infinite).</exception>
    /// <exception cref="InvalidOperationException">No answer was declared yet.</exception>
    /// <exception cref="ObjectDisposedException">The fake service was disposed.</exception>
    public FakeBatch WithDelay(TimeSpan delay)
    {
        if (delay != Timeout.InfiniteTimeSpan)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        }

        lock (_gate)
        {
            if (_answers.Count == 0)
            {
                throw new InvalidOperationException("Declare an answer first (such as ThenProcessing()), then delay it.");
            }

            _answers[^1].Delay = delay;
            Publish();
        }

        return this;
    }

    private FakeBatch Add(FakeAnswer answer)
    {
        lock (_gate)
        {
            _answers.Add(answer);
            Publish();
        }

        return this;
    }

    /// <summary>(Re)registers one WireMock mapping per answer, chained by a scenario so that each poll takes the next.</summary>
    private void Publish()
    {
        var (server, stopping) = _owner.ServerForBatches();
        var last = _answers.Count - 1;
        for (var i = 0; i <= last; i++)
        {
            var answer = _answers[i];
            var mapping = server
                .Given(WireMockRequest.Create().UsingGet().WithPath(path => BatchRoute.Matches(path, CustomerId, BatchTrackingId)))
                .WithGuid(answer.MappingGuid)
                .WithTitle(string.Create(CultureInfo.InvariantCulture, $"{_scenario}, answer {i + 1}"))
                .AtPriority(FakePartnerCenter.BatchPriority);
            if (last > 0)
            {
                mapping = mapping.InScenario(_scenario);
                if (i > 0)
                {
                    mapping = mapping.WhenStateIs(State(i));
                }

                // The last answer sets its own state again: a mapping without a next state would send the
                // scenario back to the first answer.
                mapping = mapping.WillSetStateTo(State(Math.Min(i + 1, last)));
            }

            mapping.RespondWith(WireMockResponse.Create().WithCallback(request => answer.CreateAsync(request, stopping)));
        }
    }

    private DateTimeOffset CompletedTime()
    {
        lock (_gate)
        {
            _completedTime ??= FakePartnerCenter.UtcNowToTheSecond();
            return _completedTime.Value;
        }
    }

    private static string State(int index) => string.Create(CultureInfo.InvariantCulture, $"answer {index + 1}");

    private static string ReasonPhrase(int statusCode)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)statusCode);
        return response.ReasonPhrase ?? "Error";
    }
}
