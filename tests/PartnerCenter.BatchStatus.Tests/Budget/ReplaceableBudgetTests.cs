using Azure.Core;
using Azure.Identity;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PartnerCenter.BatchStatus.Testing;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Budget;

/// <summary>
/// The request budget as a seam: a budget set on the options or registered in the container takes the place of the
/// client's own, sees every attempt with its customer and the time the call has left, and every pause a 429 asks for,
/// bounded by <c>Retry.MaxRetryAfter</c>; one <see cref="LocalRequestBudget"/> given to two clients is one budget.
/// </summary>
public sealed class ReplaceableBudgetTests
{
    private readonly RecordingClock _time = new(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task GetBatchJobStatusAsync_BudgetOnTheOptions_AsksItForEveryAttemptAndTellsItEveryPause()
    {
        using var service = new FakePartnerCenterTransport(_time);
        service.Documented().ThenThrottle(TimeSpan.FromHours(1)).ThenSample();
        var budget = new RecordingBudget();
        using var client = service.CreateClient(options =>
        {
            (options.RequestBudget, options.TimeProvider, options.Timeout) = (budget, _time, TimeSpan.FromSeconds(100));
            (options.Retry.MaxRetries, options.Retry.MaxRetryAfter) = (1, TimeSpan.FromMinutes(2));
        });

        // An hour is more than the client waits: the 429 is the caller's, and the pause is bounded.
        var throttled = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());
        var details = await client.GetDocumentedAsync();

        Assert.Equal(429, throttled.StatusCode);
        Assert.Equal("finished", details.Status);
        Assert.Equal([(DocumentedIds.CustomerId, TimeSpan.FromSeconds(100)), (DocumentedIds.CustomerId, TimeSpan.FromSeconds(100))], budget.Turns);
        Assert.Equal([(DocumentedIds.CustomerId, TimeSpan.FromMinutes(2))], budget.Pauses);
        Assert.Equal(2, service.Requests.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_BudgetRefuses_FailsAtOnceWith429AndSendsNothing()
    {
        using var service = new FakePartnerCenterTransport(_time);
        service.Documented().ThenSample();
        var budget = new RecordingBudget { Refusal = TimeSpan.FromSeconds(40) };
        using var client = service.CreateClient(options => (options.RequestBudget, options.TimeProvider, options.Timeout) = (budget, _time, TimeSpan.FromSeconds(30)));

        var refused = await Assert.ThrowsAsync<PartnerCenterApiException>(() => client.GetDocumentedAsync());

        Assert.Equal(429, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(40), refused.RetryAfter);
        Assert.Contains("until 2026-03-02T08:00:40Z", refused.Message, StringComparison.Ordinal);
        Assert.Empty(service.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_TokenStillComing_TakesNoTurnUntilItCame()
    {
        // Turns taken while the first token is fetched would all be spent at once when it comes: a burst.
        using var service = new FakePartnerCenterTransport(_time);
        service.Documented().ThenSample().ThenSample().ThenSample();
        var budget = new RecordingBudget();
        var credential = new GatedCredential();
        using var client = new BatchStatusClient(credential, new BatchStatusClientOptions { Transport = service, TimeProvider = _time, RequestBudget = budget });

        var calls = Enumerable.Range(0, 3).Select(_ => client.GetDocumentedAsync()).ToArray();
        await credential.Asked.Task.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Empty(budget.Turns);
        Assert.Empty(service.Requests);
        credential.Token.SetResult(new AccessToken("token-of-the-gated-credential", _time.GetUtcNow().AddHours(1)));
        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(3, budget.Turns.Count);
        Assert.Equal(3, service.Requests.Count);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_CredentialFails_FailsWithItsErrorAndTakesNoTurn()
    {
        using var service = new FakePartnerCenterTransport(_time);
        service.Documented().ThenSample();
        var budget = new RecordingBudget();
        var credential = new GatedCredential();
        credential.Token.SetException(new AuthenticationFailedException("The application's secret was rejected."));
        using var client = new BatchStatusClient(credential, new BatchStatusClientOptions { Transport = service, TimeProvider = _time, RequestBudget = budget });

        var failed = await Assert.ThrowsAsync<AuthenticationFailedException>(() => client.GetDocumentedAsync());

        Assert.Equal("The application's secret was rejected.", failed.Message);
        Assert.Empty(budget.Turns);
        Assert.Empty(service.Requests);
    }

    [Fact]
    public async Task GetBatchJobStatusAsync_OneLocalBudgetForTwoClients_A429ToOnePausesTheOther()
    {
        using var service = new FakePartnerCenterTransport(_time);
        service.Documented().ThenThrottle(TimeSpan.FromSeconds(30)).ThenSample();
        var other = service.AddBatch(Guid.NewGuid(), Guid.NewGuid()).ThenFinished();
        var shared = new LocalRequestBudget(0, _time);
        using var first = service.CreateClient(options => (options.RequestBudget, options.Retry.MaxRetries) = (shared, 0));
        using var second = service.CreateClient(options => (options.RequestBudget, options.Retry.MaxRetries, options.Timeout) = (shared, 0, TimeSpan.FromSeconds(10)));

        await Assert.ThrowsAsync<PartnerCenterApiException>(() => first.GetDocumentedAsync());

        // The other client's call would wait past its timeout: it fails at once, unsent.
        var refused = await Assert.ThrowsAsync<PartnerCenterApiException>(() => second.GetBatchJobStatusAsync(other.CustomerId, other.BatchTrackingId));
        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);
        Assert.Single(service.Requests);

        _time.Clock.Advance(TimeSpan.FromSeconds(30));
        await second.GetBatchJobStatusAsync(other.CustomerId, other.BatchTrackingId).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, service.Requests.Count);
    }

    [Fact]
    public async Task AddBatchStatusClient_BudgetInTheContainer_IsTheClientsUnlessTheOptionsNameOne()
    {
        using var service = new FakePartnerCenterTransport();
        service.Documented().ThenSample();
        var registered = new RecordingBudget();
        var named = new RecordingBudget();

        foreach (var (fromOptions, expected) in new[] { (false, registered), (true, named) })
        {
            var services = new ServiceCollection();
            services.AddSingleton<RequestBudget>(registered);
            services.AddBatchStatusClient(service.Credential, options =>
            {
                options.Endpoint = new Uri("https://api.partnercenter.microsoft.com/");
                options.RequestBudget = fromOptions ? named : null;
            }).ConfigurePrimaryHttpMessageHandler(() => service);
            await using var provider = services.BuildServiceProvider();

            await provider.GetRequiredService<IBatchStatusClient>().GetDocumentedAsync();

            Assert.Single(expected.Turns);
        }

        Assert.Equal(2, service.Requests.Count);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    [InlineData(double.NaN)]
    [InlineData(0.0001)]
    public void LocalRequestBudget_RateOutOfRange_ThrowsNamingTheRange(double requestsPerSecond)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new LocalRequestBudget(requestsPerSecond));

        Assert.Equal("requestsPerSecond", exception.ParamName);
        Assert.Contains("between 0.001 (one request every 1,000 seconds) and 1000", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>A budget that lets every attempt go at once (or refuses them all) and remembers what it was asked.</summary>
    /// <summary>A credential whose token comes when the test says so.</summary>
    private sealed class GatedCredential : TokenCredential
    {
        public TaskCompletionSource Asked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource<AccessToken> Token { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Asked.TrySetResult();
            return await Token.Task.WaitAsync(cancellationToken);
        }
    }

    private sealed class RecordingBudget : RequestBudget
    {
        private readonly ConcurrentQueue<(Guid, TimeSpan?)> _turns = new();
        private readonly ConcurrentQueue<(Guid, TimeSpan)> _pauses = new();

        public TimeSpan? Refusal { get; init; }

        public List<(Guid Customer, TimeSpan? TimeLeft)> Turns => [.. _turns];

        public List<(Guid Customer, TimeSpan Pause)> Pauses => [.. _pauses];

        public override ValueTask<RequestBudgetTurn> WaitAsync(Guid customerId, TimeSpan? timeLeft, CancellationToken cancellationToken)
        {
            _turns.Enqueue((customerId, timeLeft));
            return new(Refusal is { } pause ? RequestBudgetTurn.Refused(pause) : new RequestBudgetTurn(TimeSpan.Zero));
        }

        public override ValueTask PauseAsync(Guid customerId, TimeSpan pause, CancellationToken cancellationToken)
        {
            _pauses.Enqueue((customerId, pause));
            return default;
        }
    }
}
