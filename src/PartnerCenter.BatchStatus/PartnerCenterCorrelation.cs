namespace PartnerCenter.BatchStatus;

/// <summary>
/// Sets the <c>MS-CorrelationId</c> that calls made in the current asynchronous flow send, so that a chain of
/// calls (such as all the polls of one wait) can be traced as one in Partner Center's logs.
/// </summary>
/// <example>
/// <code>
/// using (PartnerCenterCorrelation.BeginScope(correlationId))
/// {
///     await client.GetBatchJobStatusAsync(customerId, batchTrackingId);
/// }
/// </code>
/// </example>
public static class PartnerCenterCorrelation
{
    private static readonly AsyncLocal<Guid?> CurrentId = new();

    /// <summary>Gets the correlation id of the current scope, or <see langword="null"/> outside any scope.</summary>
    public static Guid? Current => CurrentId.Value;

    /// <summary>
    /// Starts a scope in which every call sends <paramref name="correlationId"/>; disposing it restores the
    /// previous scope. Outside any scope, each call sends a new correlation id.
    /// </summary>
    /// <param name="correlationId">The correlation id to send.</param>
    /// <returns>The scope; dispose it to end it.</returns>
    /// <exception cref="ArgumentException"><paramref name="correlationId"/> is <see cref="Guid.Empty"/>.</exception>
    public static IDisposable BeginScope(Guid correlationId)
    {
        if (correlationId == Guid.Empty)
        {
            throw new ArgumentException("The correlation id must not be Guid.Empty.", nameof(correlationId));
        }

        var scope = new Scope(CurrentId.Value);
        CurrentId.Value = correlationId;
        return scope;
    }

    private sealed class Scope(Guid? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                CurrentId.Value = previous;
            }
        }
    }
}
