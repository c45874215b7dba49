using System.Text;

namespace PartnerCenter.BatchStatus.Tests.Waiting;

/// <summary>
/// Runs <see cref="BatchStatusClientWaitExtensions.WaitForAllAsync"/> on a <see cref="SteppingClock"/> that moves only
/// when every wait is waiting on it, so that the run depends on the fake clock alone: not on how fast this machine is,
/// nor on how its threads are scheduled.
/// </summary>
/// <remarks>
/// <para>
/// Each wait has its own correlation scope; the clock says when code in a scope starts and ends waiting on a timer,
/// and the client handed to the waits says when a call starts and ends. A wait is at rest while it waits on the clock
/// (between polls, or within a call for the request budget or a retry), or while it waits for a free place among the
/// concurrent calls when every place is taken by a call. A call that has its place waits, at rest, until it is let go
/// to the client: when every wait is at rest, the waiting call of the first batch goes, alone; only when no call waits
/// does the clock move to its next timer and fire that timer alone; timers due at the same time fire in the order of
/// the batches. So the calls of one instant reach the request budget and the service in the order of the batches.
/// </para>
/// <para>
/// The first waits start on a scheduler that runs one piece of work at a time, in order: the first step of each wait
/// queues there, so the waits reach the limit of concurrent calls in the order of the batches. Each later wait starts
/// in the flow of the call that makes room for it, so it has its place in the queue for a call before that call ends.
/// </para>
/// </remarks>
internal sealed class SteppedWaits : IClockWaits
{
    /// <summary>Only guards against a hung test (a wait that never comes to rest); no result depends on real time.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly object _lock = new();
    private readonly IReadOnlyList<BatchTrackingLocation> _batches;
    private readonly Dictionary<BatchTrackingLocation, int> _order;
    private readonly Dictionary<Guid, Wait> _waits = [];
    private readonly int _maxConcurrentCalls;
    private TaskCompletionSource _atRest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _everyWaitStarted;
    private string? _problem;

    public SteppedWaits(IReadOnlyList<BatchTrackingLocation> batches, int maxConcurrentCalls, DateTimeOffset start)
    {
        _batches = batches;
        _order = batches.Select((batch, index) => (batch, index)).ToDictionary(pair => pair.batch, pair => pair.index);
        _maxConcurrentCalls = maxConcurrentCalls;
        Clock = new SteppingClock(start, this);
    }

    /// <summary>Gets the clock to give the client, the waits and the fake service.</summary>
    public SteppingClock Clock { get; }

    /// <summary>Gets how many times the clock moved.</summary>
    public int Steps { get; private set; }

    /// <summary>Waits for every batch through <paramref name="client"/>, moving the clock whenever every wait is at rest.</summary>
    public async Task<List<BatchWaitResult>> WaitForAllAsync(IBatchStatusClient client, BatchWaitOptions options)
    {
        var results = new List<BatchWaitResult>();
        var observed = new ObservedClient(client, this);
        var oneAtATime = new ConcurrentExclusiveSchedulerPair().ExclusiveScheduler;
        var watching = Task.Factory.StartNew(
            async () =>
            {
                await using var enumerator = observed.WaitForAllAsync(_batches, options).GetAsyncEnumerator();

                // Starts the first waits: each one's first step queues on this scheduler, and the mark below after them all.
                var next = enumerator.MoveNextAsync();
                _ = Task.Factory.StartNew(EveryWaitStarted, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current);
                while (await next.ConfigureAwait(false))
                {
                    Reported(enumerator.Current);
                    results.Add(enumerator.Current);
                    next = enumerator.MoveNextAsync();
                }
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            oneAtATime).Unwrap();

        while (!watching.IsCompleted)
        {
            var atRest = AtRestAsync();
            try
            {
                await Task.WhenAny(atRest, watching).WaitAsync(HangGuard);
            }
            catch (TimeoutException)
            {
                throw new InvalidOperationException($"Hang guard: after {Steps} steps of the clock the waits did not come to rest within {HangGuard.TotalSeconds} s of real time. {Describe()}");
            }

            if (watching.IsCompleted)
            {
                break;
            }

            await atRest;
            if (LetNextCallGo())
            {
                continue;
            }

            if (!Clock.FireNext())
            {
                throw new InvalidOperationException($"Every wait is at rest and no timer is set: the waits would never end. {Describe()}");
            }

            Steps++;
        }

        await watching;
        return results;
    }

    int IClockWaits.OrderOf(Guid? owner)
    {
        lock (_lock)
        {
            return owner is { } id && _waits.TryGetValue(id, out var wait) ? wait.Index : -1;
        }
    }

    void IClockWaits.WaitStarted(Guid? owner) => Change(owner, "started waiting on the clock", wait =>
    {
        wait.Timers++;
        wait.AfterCall = false;
    });

    void IClockWaits.WaitEnded(Guid? owner) => Change(owner, "stopped waiting on the clock", wait => wait.Timers--);

    private Task CallStarted(BatchTrackingLocation batch, Guid correlationId)
    {
        lock (_lock)
        {
            if (!_waits.TryGetValue(correlationId, out var wait))
            {
                _waits[correlationId] = wait = new Wait(_order[batch]);
            }

            if (wait.InCall)
            {
                _problem ??= $"Batch {wait.Index} started a call while one was in flight.";
            }

            wait.InCall = true;
            wait.AfterCall = false;
            wait.Go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Changed();
            return wait.Go.Task;
        }
    }

    /// <summary>Lets the waiting call of the first batch go to the client; <see langword="false"/> when no call waits.</summary>
    private bool LetNextCallGo()
    {
        TaskCompletionSource go;
        lock (_lock)
        {
            var first = _waits.Values.Where(wait => wait.Go is not null).MinBy(wait => wait.Index);
            if (first is null)
            {
                return false;
            }

            go = first.Go!;
            first.Go = null;
        }

        go.SetResult();
        return true;
    }

    private void CallEnded(Guid correlationId) => Change(correlationId, "ended a call", wait =>
    {
        wait.InCall = false;
        wait.AfterCall = true;
    });

    private void Reported(BatchWaitResult result) => Change(result.CorrelationId, "was reported", wait =>
    {
        wait.Done = true;
        wait.AfterCall = false;
    });

    private void EveryWaitStarted()
    {
        lock (_lock)
        {
            _everyWaitStarted = true;
            Changed();
        }
    }

    private void Change(Guid? owner, string what, Action<Wait> change)
    {
        lock (_lock)
        {
            if (owner is { } id && _waits.TryGetValue(id, out var wait))
            {
                change(wait);
            }
            else
            {
                _problem ??= $"Code outside the scope of any batch's wait {what}.";
            }

            Changed();
        }
    }

    private Task AtRestAsync()
    {
        lock (_lock)
        {
            if (IsAtRest())
            {
                return _problem is null ? Task.CompletedTask : Task.FromException(new InvalidOperationException(_problem));
            }

            if (_atRest.Task.IsCompleted)
            {
                _atRest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            return _atRest.Task;
        }
    }

    /// <summary>Called under the lock after every change.</summary>
    private void Changed()
    {
        if (_problem is not null)
        {
            _atRest.TrySetException(new InvalidOperationException(_problem + " " + Describe()));
        }
        else if (IsAtRest())
        {
            _atRest.TrySetResult();
        }
    }

    /// <summary>Whether every wait that is not over is at rest (called under the lock).</summary>
    private bool IsAtRest()
    {
        if (_problem is not null)
        {
            return true;
        }

        if (!_everyWaitStarted)
        {
            return false;
        }

        var inCall = 0;
        var open = 0;
        var atTheLimit = _batches.Count - _waits.Count; // not called yet: on the way to the limit of concurrent calls
        foreach (var wait in _waits.Values)
        {
            if (wait.InCall)
            {
                inCall++;
            }

            if (wait.Done)
            {
                continue;
            }

            open++;
            if (wait.Timers > 0 || wait.Go is not null)
            {
                continue;
            }

            if (wait.InCall || wait.AfterCall)
            {
                return false;
            }

            atTheLimit++;
        }

        return (open > 0 || atTheLimit > 0) && (atTheLimit == 0 || inCall == _maxConcurrentCalls);
    }

    private string Describe()
    {
        lock (_lock)
        {
            var text = new StringBuilder($"Every wait started: {_everyWaitStarted}; never called: {_batches.Count - _waits.Count}.");
            foreach (var wait in _waits.Values.Where(wait => !wait.Done).OrderBy(wait => wait.Index))
            {
                text.Append($" Batch {wait.Index}: {wait.Timers} timer(s){(wait.InCall ? ", in a call" : string.Empty)}{(wait.Go is not null ? ", waiting to go" : string.Empty)}{(wait.AfterCall ? ", after a call" : string.Empty)}.");
            }

            return text.ToString();
        }
    }

    private sealed class Wait(int index)
    {
        public int Index { get; } = index;

        public int Timers { get; set; }

        public bool InCall { get; set; }

        public bool AfterCall { get; set; }

        /// <summary>Gets or sets what lets the wait's call go to the client, while it waits for that.</summary>
        public TaskCompletionSource? Go { get; set; }

        public bool Done { get; set; }
    }

    /// <summary>The client as the waits see it, telling when each call starts and ends.</summary>
    private sealed class ObservedClient(IBatchStatusClient inner, SteppedWaits waits) : IBatchStatusClient
    {
        public async Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default)
        {
            var correlationId = PartnerCenterCorrelation.Current ?? throw new InvalidOperationException("A wait called outside its correlation scope.");
            var go = waits.CallStarted(new BatchTrackingLocation(customerId, batchTrackingId), correlationId);
            try
            {
                await go.ConfigureAwait(false);
                return await inner.GetBatchJobStatusAsync(customerId, batchTrackingId, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                waits.CallEnded(correlationId);
            }
        }
    }
}
