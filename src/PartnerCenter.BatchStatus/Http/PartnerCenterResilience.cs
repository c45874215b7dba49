using System.Net;
using Microsoft.Extensions.Http.Resilience;
using PartnerCenter.BatchStatus.Errors;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Builds the retry handler that takes the place of Kiota's <c>RetryHandler</c>, which retries only 429, 503 and 504,
/// has no jitter, ignores connection failures and throws <see cref="AggregateException"/> when it gives up.
/// </summary>
internal static class PartnerCenterResilience
{
    /// <summary>The statuses worth retrying for this idempotent GET.</summary>
    private static readonly HashSet<int> TransientStatuses =
    [
        (int)HttpStatusCode.RequestTimeout,
        429,
        (int)HttpStatusCode.InternalServerError,
        (int)HttpStatusCode.BadGateway,
        (int)HttpStatusCode.ServiceUnavailable,
        (int)HttpStatusCode.GatewayTimeout,
    ];

    public static ResilienceHandler CreateHandler(BatchStatusClientOptions options) => new(CreatePipeline(options));

    public static ResiliencePipeline<HttpResponseMessage> CreatePipeline(BatchStatusClientOptions options)
    {
        var retry = options.Retry;
        var timeProvider = options.TimeProvider;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>
        {
            Name = PartnerCenterDiagnostics.PackageName,
            TimeProvider = timeProvider,
        };

        if (retry.MaxRetries > 0)
        {
            // The base options rather than HttpRetryStrategyOptions: its predicate retries every 5xx (501 and 505
            // included) and it reads a Retry-After date with the system clock instead of the options' clock.
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = retry.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = retry.BaseDelay,
                MaxDelay = retry.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, args.Context, retry, timeProvider)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(args.Outcome.Result is { } response ? RetryAfter(response, timeProvider) : null),
                OnRetry = args =>
                {
                    var request = args.Context.GetRequestMessage();
                    PartnerCenterCall.Find(request)?.RecordRetry(
                        args.Outcome.Result is { } response ? (int)response.StatusCode : null,
                        args.Outcome.Exception?.GetType().FullName,
                        args.RetryDelay);
                    return default;
                },
            });
        }

        if (retry.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            // Inside the retries: an attempt that hangs is abandoned and retried.
            builder.AddTimeout(retry.AttemptTimeout);
        }

        return builder.Build();
    }

    /// <summary>Reads <c>Retry-After</c> (seconds or a date) with the options' clock.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider timeProvider) =>
        PartnerCenterHeaderValues.RetryAfter(response.Headers.RetryAfter, timeProvider.GetUtcNow());

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, BatchStatusRetryOptions retry, TimeProvider timeProvider)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (outcome.Exception is { } exception)
        {
            // Connection failures, and attempts that ran out of AttemptTimeout (or of HttpClient.Timeout when a caller set one).
            return exception is HttpRequestException or TimeoutRejectedException
                || exception is OperationCanceledException { InnerException: TimeoutException };
        }

        if (outcome.Result is not { } response || !TransientStatuses.Contains((int)response.StatusCode))
        {
            return false;
        }

        if (RetryAfter(response, timeProvider) is not { } wait)
        {
            return true;
        }

        // A wait the client will not sit through is the caller's to schedule: it gets the answer, with RetryAfter.
        if (wait > retry.MaxRetryAfter)
        {
            return false;
        }

        var deadline = PartnerCenterCall.Find(context.GetRequestMessage())?.Deadline;
        return deadline is null || timeProvider.GetUtcNow() + wait < deadline;
    }
}
