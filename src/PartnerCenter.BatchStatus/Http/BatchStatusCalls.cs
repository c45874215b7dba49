using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PartnerCenter.BatchStatus.Errors;
using PartnerCenter.BatchStatus.Serialization;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Owns each logical call: makes its ids once, runs every attempt (sending the request <em>and</em> reading the body)
/// inside one resilience pipeline (total timeout, then retries honouring <c>Retry-After</c>, then the attempt timeout),
/// and maps the outcome to the documented exceptions, once. Traces and logs one line per call.
/// </summary>
internal sealed class BatchStatusCalls
{
    private static readonly ResiliencePropertyKey<CallState> CallKey = new("PartnerCenter.BatchStatus.Call");

    private readonly HttpClient _httpClient;
    private readonly BatchStatusClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _pipeline;
    private readonly RequestBudget _budget;

    /// <summary>Cancelled when the client is disposed: a call in flight then ends at once instead of at its timeouts.</summary>
    private readonly CancellationTokenSource _disposing = new();

    private readonly TokenFirst _tokenFirst;

    public BatchStatusCalls(HttpClient httpClient, BatchStatusClientOptions options, ILogger logger, CachingTokenCredential tokens)
    {
        _httpClient = httpClient;
        _tokenFirst = TokenFirst.Create(tokens, options, httpClient.BaseAddress);
        _options = options;
        _timeProvider = options.TimeProvider;
        _logger = logger;
        Metrics = new PartnerCenterMetrics(options.MeterFactory);
        _budget = options.RequestBudget ?? new LocalRequestBudget(options.MaxRequestsPerSecond, _timeProvider);
        _pipeline = CreatePipeline();
    }

    public PartnerCenterMetrics Metrics { get; }

    /// <summary>Gets a token cancelled when the client is disposed.</summary>
    public CancellationToken Disposing => _disposing.Token;

    /// <summary>Ends every call in flight with <see cref="ObjectDisposedException"/>.</summary>
    public void Stop() => _disposing.Cancel();

    public async Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken)
    {
        var call = new CallState(customerId, batchTrackingId, PartnerCenterCorrelation.Current ?? Guid.NewGuid())
        {
            Deadline = _options.Timeout == Timeout.InfiniteTimeSpan ? null : PartnerCenterHeaderValues.Later(_timeProvider.GetUtcNow(), _options.Timeout),
        };

        using var activity = CallTelemetry.Start(call, _httpClient.BaseAddress!);
        call.Activity = activity;
        var started = _timeProvider.GetTimestamp();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
        var context = ResilienceContextPool.Shared.Get(stop.Token);
        context.Properties.Set(CallKey, call);
        try
        {
            var details = await _pipeline.ExecuteAsync(static (context, self) => self.AttemptAsync(context), context, this).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started);
            CallTelemetry.Answered(_logger, call, details.Response!.StatusCode, elapsed, _httpClient.BaseAddress!);
            Metrics.RecordCall(elapsed, details.Response.StatusCode, null);
            return details;
        }
        catch (Exception exception)
        {
            var mapped = Map(exception, call, cancellationToken);
            var elapsed = _timeProvider.GetElapsedTime(started);
            CallTelemetry.Failed(_logger, call, mapped ?? exception, cancellationToken.IsCancellationRequested, elapsed, _httpClient.BaseAddress!);
            Metrics.RecordCall(elapsed, (mapped as PartnerCenterApiException)?.StatusCode, cancellationToken.IsCancellationRequested ? "canceled" : (mapped ?? exception).GetType().Name);
            if (mapped is null)
            {
                throw;
            }

            throw mapped;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>
    /// One attempt: send, read the body (within <see cref="BatchStatusClientOptions.MaxResponseBodyBytes"/>), note what
    /// of it the models could not hold, and turn whatever went wrong after the headers into one exception.
    /// </summary>
    private async ValueTask<BatchUploadDetails> AttemptAsync(ResilienceContext context)
    {
        var call = context.Properties.GetValue(CallKey, null!);
        call.Attempts++;
        var rest = new PartnerCenterRestClient(_httpClient) { MaxBodyBytes = _options.MaxResponseBodyBytes };
        try
        {
            var details = await rest.GetBatchJobStatusAsync(
                call.CustomerId, call.BatchTrackingId, call.RequestId, call.CorrelationId, _options.Locale, _options.ApplicationName, context.CancellationToken)
                .ConfigureAwait(false);
            var answer = rest.Capture!;
            if (Guid.TryParse(details.BatchTrackingId, out var answered) && answered != call.BatchTrackingId)
            {
                // A gateway or cache that mixed answers up: another batch's status must not pass for this one's.
                throw new RestResponseException(string.Empty, answer.StatusCode, answer.GetText(), answer.CopyHeaders(), new InvalidDataException(
                    $"it is the status of batch {answered}, not of the batch asked for ({call.BatchTrackingId})"));
            }

            var (unread, unreadCount) = UnreadValues.Find(answer.Body.Span, details, BatchStatusJson.BatchUploadDetails);
            details.Response = new PartnerCenterResponseInfo(
                answer.StatusCode, answer.Headers, call.RequestIdText, call.CorrelationIdText, _timeProvider.GetUtcNow(), new BinaryData(answer.Body), unread, unreadCount);
            if (unreadCount > 0)
            {
                Metrics.UnreadValues.Add(unreadCount);
                if (_logger.IsEnabled(LogLevel.Warning))
                {
                    PartnerCenterLog.ValuesNotRead(_logger, unreadCount, PartnerCenterLog.ListPaths(unread, unreadCount), details.Response.RequestId, details.Response.CorrelationId);
                }
            }

            return details;
        }
        catch (ResponseCapture.BodyTooLargeException tooLarge) when (rest.Capture is { } answer)
        {
            // The same answer would come again: no retry, and the caller learns which option bounds it.
            throw new PartnerCenterResponseTooLargeException(
                answer.StatusCode, tooLarge.Limit, answer.CopyHeaders(), call.RequestIdText, call.CorrelationIdText, _timeProvider.GetUtcNow());
        }
        catch (RestResponseException exception) when (rest.Capture is { } answer)
        {
            exception.FillBodyFrom(answer);
            if (exception.StatusCode == 429)
            {
                var retryAfter = RetryAfter(exception);
                Metrics.RecordThrottled(retryAfter);
                if (retryAfter is { } wait && wait > TimeSpan.Zero)
                {
                    // Partner Center throttles per partner: every call of the budget waits, not only this one.
                    var maxPause = _options.Retry.MaxRetryAfter;
                    await _budget.PauseAsync(call.CustomerId, wait < maxPause ? wait : maxPause, context.CancellationToken).ConfigureAwait(false);
                }
            }

            throw;
        }
        catch (Exception exception) when (rest.Capture is { } answer && exception is IOException or HttpRequestException or InvalidDataException
                                          && !context.CancellationToken.IsCancellationRequested)
        {
            // The headers had arrived; the body broke off (the connection dropped, fewer bytes than announced, or a
            // compressed body cut short).
            throw RestResponseException.BrokenBody(answer, exception);
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "AddStrategy validates options by their data annotations; BudgetStrategyOptions has none.")]
    private ResiliencePipeline CreatePipeline()
    {
        var retry = _options.Retry;
        var builder = new ResiliencePipelineBuilder { Name = PartnerCenterDiagnostics.PackageName, TimeProvider = _timeProvider };
        if (_options.Timeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(new TimeoutStrategyOptions
            {
                Timeout = _options.Timeout,
                OnTimeout = static args =>
                {
                    args.Context.Properties.GetValue(CallKey, null!).TimedOut = true;
                    return default;
                },
            });
        }

        if (retry.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome.Exception, args.Context)),
                // A Retry-After of 0 or a date in the past is no reason to hurry: the backoff's delay then applies.
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is RestResponseException answer && RetryAfter(answer) is { } wait && wait > TimeSpan.Zero ? wait : null),
                OnRetry = args =>
                {
                    CallTelemetry.Retrying(args.Context.Properties.GetValue(CallKey, null!), args.Outcome.Exception, args.RetryDelay);
                    Metrics.Retries.Add(1);
                    return default;
                },
            });
        }

        // Outside the attempt timeout: waiting for the budget is not an attempt taking long.
        builder.AddStrategy(_ => new BudgetStrategy(_budget, _tokenFirst, Metrics, _timeProvider), new BudgetStrategyOptions());

        if (retry.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            builder.AddTimeout(retry.AttemptTimeout);
        }

        return builder.Build();
    }

    private bool ShouldRetry(Exception? exception, ResilienceContext context)
    {
        // Nothing is retried once the call is cancelled or out of time.
        switch (context.CancellationToken.IsCancellationRequested ? null : exception)
        {
            case RestResponseException { BodyBrokeOff: true }:
            // Not headers past what the handler reads (ConfigurationLimitExceeded): the same answer would come again.
            case HttpRequestException { HttpRequestError: not HttpRequestError.ConfigurationLimitExceeded }:
            case TimeoutRejectedException:
                return true;
            // The statuses worth retrying for this idempotent GET: 408, 429, 500, 502, 503 and 504.
            case RestResponseException { StatusCode: 408 or 429 or 500 or 502 or 503 or 504 } answer:
                // A wait the client will not sit through is the caller's to schedule: it gets the answer, with RetryAfter.
                return RetryAfter(answer) is not { } wait
                    || (wait <= _options.Retry.MaxRetryAfter
                        && (context.Properties.GetValue(CallKey, null!).Deadline is not { } deadline || wait < deadline - _timeProvider.GetUtcNow()));
            default:
                return false;
        }
    }

    private TimeSpan? RetryAfter(RestResponseException answer) =>
        PartnerCenterHeaderValues.RetryAfter(PartnerCenterHeaderValues.First(answer.Headers, "Retry-After"), _timeProvider.GetUtcNow());

    /// <summary>Maps what ended the call to the documented exception, or <see langword="null"/> to let it through as it is.</summary>
    private Exception? Map(Exception exception, CallState call, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested && exception is OperationCanceledException canceled)
        {
            // The call runs on a token linked to the client's disposal: the caller's own token is the one to report.
            return canceled.CancellationToken == cancellationToken ? null : new OperationCanceledException(canceled.Message, canceled, cancellationToken);
        }

        if (_disposing.IsCancellationRequested && exception is OperationCanceledException or ObjectDisposedException)
        {
            return new ObjectDisposedException(nameof(BatchStatusClient), "The client was disposed while the call was in progress.");
        }

        return exception switch
        {
            RestResponseException answer => new PartnerCenterApiException(
                answer.Message, answer.StatusCode, answer.Response, answer.Headers, answer.InnerException, call.RequestIdText, call.CorrelationIdText, _timeProvider.GetUtcNow()),
            HttpRequestException { HttpRequestError: HttpRequestError.ConfigurationLimitExceeded } limit => new HttpRequestException(HttpRequestError.ConfigurationLimitExceeded,
                $"Partner Center's answer could not be read: {limit.Message.TrimEnd('.')}. The client did not retry: the same answer would come again. Request id: {call.RequestIdText}, correlation id: {call.CorrelationIdText}.", limit),
            ClientPausedException paused => PartnerCenterApiException.ClientPaused(paused.Until, _timeProvider.GetUtcNow(), call.RequestIdText, call.CorrelationIdText),
            TimeoutRejectedException when call.TimedOut => TimedOut(call, $"did not complete within {Describe(_options.Timeout)} ({nameof(BatchStatusClientOptions)}.{nameof(BatchStatusClientOptions.Timeout)})", _options.Timeout, exception),
            TimeoutRejectedException => TimedOut(call, $"got no complete answer within {Describe(_options.Retry.AttemptTimeout)} ({nameof(BatchStatusClientOptions)}.{nameof(BatchStatusClientOptions.Retry)}.{nameof(BatchStatusRetryOptions.AttemptTimeout)}) on its last attempt", _options.Retry.AttemptTimeout, exception),
            _ => null,
        };
    }

    private static PartnerCenterTimeoutException TimedOut(CallState call, string what, TimeSpan bound, Exception inner) =>
        new(
            string.Create(CultureInfo.InvariantCulture, $"The call to Partner Center {what}, after {call.Attempts} attempt(s). Request id: {call.RequestIdText}, correlation id: {call.CorrelationIdText}."),
            bound, call.RequestIdText, call.CorrelationIdText, inner);

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds >= 1
            ? span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s"
            : span.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";

    private sealed class BudgetStrategyOptions : ResilienceStrategyOptions;

    /// <summary>
    /// Waits for the client's request budget before each attempt, once the attempt's token is at hand
    /// (<see cref="TokenFirst"/>), or ends the attempt unsent when a pause from an earlier throttled answer lasts past the
    /// call's deadline.
    /// </summary>
    private sealed class BudgetStrategy(RequestBudget budget, TokenFirst tokenFirst, PartnerCenterMetrics metrics, TimeProvider timeProvider) : ResilienceStrategy
    {
        protected override ValueTask<Outcome<TResult>> ExecuteCore<TResult, TState>(
            Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
            ResilienceContext context,
            TState state)
        {
            var token = tokenFirst.EnsureAsync(context.CancellationToken);
            var turn = token.IsCompletedSuccessfully ? TakeTurn(context) : (ValueTask<RequestBudgetTurn>?)null;

            // The token at hand and within the budget: no state machine on the way to the attempt.
            return turn is { IsCompletedSuccessfully: true } ready
                ? Execute(ready.Result, callback, context, state)
                : WaitThenExecuteAsync(token, turn, callback, context, state);
        }

        private async ValueTask<Outcome<TResult>> WaitThenExecuteAsync<TResult, TState>(
            ValueTask token,
            ValueTask<RequestBudgetTurn>? pending,
            Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
            ResilienceContext context,
            TState state)
        {
            RequestBudgetTurn turn;
            try
            {
                await token.ConfigureAwait(false);
                turn = await (pending ?? TakeTurn(context)).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                return Outcome.FromException<TResult>(exception);
            }

            return await Execute(turn, callback, context, state).ConfigureAwait(false);
        }

        private ValueTask<RequestBudgetTurn> TakeTurn(ResilienceContext context)
        {
            var call = context.Properties.GetValue(CallKey, null!);
            return budget.WaitAsync(call.CustomerId, call.Deadline - timeProvider.GetUtcNow(), context.CancellationToken);
        }

        private ValueTask<Outcome<TResult>> Execute<TResult, TState>(
            RequestBudgetTurn turn,
            Func<ResilienceContext, TState, ValueTask<Outcome<TResult>>> callback,
            ResilienceContext context,
            TState state)
        {
            if (turn.RefusedFor is { } pauseLeft)
            {
                return new(Outcome.FromException<TResult>(new ClientPausedException(PartnerCenterHeaderValues.Later(timeProvider.GetUtcNow(), pauseLeft))));
            }

            metrics.BudgetWait.Record(turn.Waited.TotalSeconds);
            return callback(context, state);
        }
    }
}
