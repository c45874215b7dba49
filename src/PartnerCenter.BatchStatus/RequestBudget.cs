namespace PartnerCenter.BatchStatus;

/// <summary>
/// Where a client's requests take their turns, and where a throttled answer pauses them: every attempt of every call
/// and wait asks <see cref="WaitAsync"/> for its turn before it is sent, and a 429 with <c>Retry-After</c> calls
/// <see cref="PauseAsync"/>. Partner Center throttles per partner tenant (or per partner and customer), not per
/// process: a budget shared by several processes (such as the one in <c>PartnerCenter.BatchStatus.Redis</c>) keeps
/// all of them within one rate.
/// </summary>
/// <remarks>
/// Set one on <see cref="BatchStatusClientOptions.RequestBudget"/>, or register one in the container used by
/// <c>AddBatchStatusClient</c>; one instance may serve several clients. The default is a
/// <see cref="LocalRequestBudget"/> of <see cref="BatchStatusClientOptions.MaxRequestsPerSecond"/>, one per client.
/// Only durations cross this seam, never instants: a budget whose clock is another machine's does not depend on
/// the clocks agreeing. An implementation must be safe to call from many threads at once, and should not fail a
/// call for its own troubles (a shared store that is down): it can fall back to a <see cref="LocalRequestBudget"/>.
/// </remarks>
public abstract class RequestBudget
{
    /// <summary>Initializes a new instance of the <see cref="RequestBudget"/> class.</summary>
    protected RequestBudget()
    {
    }

    /// <summary>
    /// Waits for the turn of one attempt to send a request about <paramref name="customerId"/>, or refuses at once,
    /// without waiting or taking a turn, when a pause lasts for <paramref name="timeLeft"/> or longer.
    /// </summary>
    /// <param name="customerId">The customer the request is about, for budgets counted per partner and customer.</param>
    /// <param name="timeLeft">How long the call has left before its timeout; <see langword="null"/> when unbounded.</param>
    /// <param name="cancellationToken">Ends the wait: the turn is then given back where the budget can.</param>
    /// <returns>How long the attempt waited, or how long the pause that refused it still lasts.</returns>
    public abstract ValueTask<RequestBudgetTurn> WaitAsync(Guid customerId, TimeSpan? timeLeft, CancellationToken cancellationToken);

    /// <summary>
    /// Pauses every request the budget holds (for the customer, when it is counted per partner and customer) for
    /// <paramref name="pause"/>, after a throttled answer. A pause never shortens one already running.
    /// </summary>
    /// <param name="customerId">The customer of the throttled request.</param>
    /// <param name="pause">How long, already bounded by <see cref="BatchStatusRetryOptions.MaxRetryAfter"/>; more than zero.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    /// <returns>A task that completes when the pause is recorded.</returns>
    public abstract ValueTask PauseAsync(Guid customerId, TimeSpan pause, CancellationToken cancellationToken);
}

/// <summary>The answer of <see cref="RequestBudget.WaitAsync"/>: the attempt may go after waiting, or a pause refused it.</summary>
public readonly struct RequestBudgetTurn
{
    /// <summary>Initializes a new instance of the <see cref="RequestBudgetTurn"/> struct for an attempt that may be sent.</summary>
    /// <param name="waited">How long the attempt waited for its turn.</param>
    public RequestBudgetTurn(TimeSpan waited) => Waited = waited;

    private RequestBudgetTurn(TimeSpan waited, TimeSpan refusedFor)
        : this(waited) => RefusedFor = refusedFor;

    /// <summary>Gets how long the attempt waited for its turn.</summary>
    public TimeSpan Waited { get; }

    /// <summary>
    /// Gets how long the pause that refused the attempt still lasts, or <see langword="null"/> when the attempt may
    /// be sent. A refused call fails at once with a 429 <see cref="PartnerCenterApiException"/> and sends nothing.
    /// </summary>
    public TimeSpan? RefusedFor { get; }

    /// <summary>Gets a turn refused by a pause that lasts longer than the call has left.</summary>
    /// <param name="pauseLeft">How long the pause still lasts.</param>
    /// <returns>The refusal.</returns>
    public static RequestBudgetTurn Refused(TimeSpan pauseLeft) => new(TimeSpan.Zero, pauseLeft);
}
