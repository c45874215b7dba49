namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Where every attempt of a client asks for its turn to send, and where a throttled answer pauses the client. The one
/// implementation is in-process (<see cref="RequestBudget"/>); the seam is here so that a budget shared by several
/// processes can take its place without the call's pipeline changing.
/// </summary>
internal interface IRequestBudget
{
    /// <summary>
    /// Waits for the next turn to send, or refuses at once, without waiting or taking a turn, when a pause lasts
    /// until <paramref name="deadline"/> or later.
    /// </summary>
    /// <param name="deadline">The instant after which the call has timed out; <see langword="null"/> when unbounded.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    ValueTask<BudgetTurn> WaitAsync(DateTimeOffset? deadline, CancellationToken cancellationToken);

    /// <summary>Pauses every call of the client for <paramref name="retryAfter"/>, bounded by the budget's longest pause.</summary>
    void Pause(TimeSpan retryAfter);
}

/// <summary>The answer of <see cref="IRequestBudget.WaitAsync"/>: how long the attempt waited, or the pause that refused it.</summary>
internal readonly record struct BudgetTurn(TimeSpan Waited, DateTimeOffset? RefusedUntil)
{
    /// <summary>Gets the turn of an attempt that may be sent at once.</summary>
    public static BudgetTurn Now => default;
}
