using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using StackExchange.Redis;

namespace PartnerCenter.BatchStatus.Redis;

/// <summary>
/// A request budget shared by every process and machine that uses the same Redis (or any server that speaks its
/// protocol and runs its Lua scripts): one schedule of turns and one pause per partner tenant, or per partner and
/// customer, so that a 429 seen by any process pauses all of them. Each decision is one Lua script, run atomically on
/// the server's clock. While Redis is unavailable or slow, decisions are taken by an in-process
/// <see cref="LocalRequestBudget"/>: a call never fails for Redis's troubles.
/// </summary>
/// <remarks>
/// Set it on <see cref="BatchStatusClientOptions.RequestBudget"/>, or register it as the container's
/// <see cref="RequestBudget"/>. One instance serves any number of clients of a process, from many threads.
/// </remarks>
public sealed partial class RedisRequestBudget : RequestBudget, IDisposable
{
    /// <summary>The name of the budget's meter and log category.</summary>
    internal const string DiagnosticsName = "PartnerCenter.BatchStatus.Redis";

    /// <summary>The connect timeout of <see cref="Connect"/> when the configuration sets none, in milliseconds.</summary>
    internal const int DefaultConnectTimeoutMilliseconds = 2000;

    /// <summary>The longest single timer: <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> refuses longer ones.</summary>
    private static readonly TimeSpan LongestTimer = TimeSpan.FromDays(49);

    private static readonly ResiliencePropertyKey<TimeSpan> BoundKey = new("PartnerCenter.BatchStatus.Redis.Bound");

    /// <summary>Whether the bound is the call's time left rather than <see cref="RedisRequestBudgetOptions.RedisTimeout"/>.</summary>
    private static readonly ResiliencePropertyKey<bool> CutKey = new("PartnerCenter.BatchStatus.Redis.Cut");

    private readonly IConnectionMultiplexer _redis;
    private readonly bool _ownsRedis;
    private readonly RedisRequestBudgetOptions _options;
    private volatile LocalShare _local;
    private readonly ResiliencePipeline _pipeline;
    private readonly ILogger _logger;
    private readonly Meter? _ownMeter;
    private readonly Counter<long> _localDecisions;
    private readonly string _endpoint;
    private readonly long _intervalMicroseconds;
    private readonly long _burstMicroseconds;
    private readonly RedisKey _partnerRateKey;
    private readonly RedisKey _partnerPauseKey;
    private readonly RedisKey _partnerInstancesKey;

    /// <summary>This budget's id among the instances that take turns on the same schedule.</summary>
    private readonly RedisValue _instanceId = Guid.NewGuid().ToString("N");

    /// <summary>How many instances (this one included) took a turn on the schedule within <see cref="InstanceWindow"/>, as Redis last said.</summary>
    private volatile int _instances = 1;

    /// <summary>The end of the last pause, on the options' clock (UTC ticks), carried over to a new local budget.</summary>
    private long _pausedUntilTicks;

    /// <summary>
    /// When the last turn Redis gave this process comes, on the options' clock (UTC ticks): decisions taken in this
    /// process during an outage begin after it, so that turns given before the outage and those taken alone do not add up.
    /// </summary>
    private long _grantedUntilTicks;

    /// <summary>
    /// When the last turn taken in this process during an outage comes, at the latest (UTC ticks): once Redis answers
    /// again, shared turns begin an interval after it, so that turns still waiting in the process and those Redis gives
    /// do not add up either.
    /// </summary>
    private long _aloneUntilTicks;
    private int _unavailable;
    private volatile bool _isShared;

    /// <summary>How far a wait's end may come before the pause's end on the server's clock and still be its end (timers and round trips).</summary>
    private static readonly TimeSpan PauseEndTolerance = TimeSpan.FromMilliseconds(50);

    /// <summary>Whether Redis has answered once: its first answer also loads the scripts, and is allowed longer.</summary>
    private volatile bool _answered;

    /// <summary>The bound of the decisions before Redis first answered (each script is then loaded, and the connection warmed).</summary>
    private static readonly TimeSpan FirstAnswerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How recently an instance must have taken a turn to count as one of those sharing the budget.</summary>
    internal static readonly TimeSpan InstanceWindow = TimeSpan.FromMinutes(1);

    /// <summary>The lowest rate of an in-process budget (<see cref="LocalRequestBudget"/>'s bound).</summary>
    private const double MinLocalRate = 0.001;

    /// <summary>Initializes a new instance of the <see cref="RedisRequestBudget"/> class on a connection of the caller's.</summary>
    /// <param name="redis">
    /// The connection, which the budget uses but does not dispose. Connect it with <c>AbortOnConnectFail=false</c>, so
    /// that it reconnects by itself, and preferably with <see cref="BacklogPolicy.FailFast"/>, so that a decision
    /// made while it is disconnected is taken in this process at once instead of being queued.
    /// </param>
    /// <param name="options">The budget's settings, copied: later changes do not affect it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="redis"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">An option is missing or invalid (see <see cref="RedisRequestBudgetOptions.Validate"/>).</exception>
    public RedisRequestBudget(IConnectionMultiplexer redis, RedisRequestBudgetOptions options)
        : this(redis, options, ownsRedis: false)
    {
    }

    private RedisRequestBudget(IConnectionMultiplexer redis, RedisRequestBudgetOptions options, bool ownsRedis)
    {
        ArgumentNullException.ThrowIfNull(redis);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options.Clone();
        _redis = redis;
        _ownsRedis = ownsRedis;

        var rate = _options.RequestsPerSecond;
        if (rate > 0)
        {
            _intervalMicroseconds = (long)(1_000_000 / rate);
            // No bursts: requests of several processes go a full interval apart, so that the different delays between
            // the machines and the service cannot bunch them beyond the rate when they arrive.
            _burstMicroseconds = 0;
        }

        var localRate = _options.LocalRequestsPerSecond ?? rate;
        // Spaced like the shared schedule: several processes that decide alone must not burst together.
        _local = new LocalShare(new LocalRequestBudget(localRate, _options.TimeProvider, allowBursts: false), localRate, 1);

        var partner = _options.PartnerTenant.Trim().ToLowerInvariant();
        _partnerRateKey = Key(partner, "rate");
        _partnerPauseKey = Key(partner, "pause");
        _partnerInstancesKey = Key(partner, "instances");

        _logger = (_options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger(DiagnosticsName);
        var meter = _options.MeterFactory?.Create(new MeterOptions(DiagnosticsName)) ?? (_ownMeter = new Meter(DiagnosticsName));
        Meter = meter;
        _localDecisions = meter.CreateCounter<long>(
            "partnercenter.batch_status.redis.local_decisions",
            "{decision}",
            "Request budget decisions (turns and pauses) taken in this process because Redis was unavailable or slow.");
        _endpoint = DescribeEndpoints(redis);

        // Both bound real network calls: they run on the system clock whatever the options' clock.
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = TimeProvider.System }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = _options.RetryRedisAfter,

                // A call that had less time left than a Redis call may take says nothing about Redis.
                ShouldHandle = static args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    null or OperationCanceledException => false,
                    TimeoutRejectedException => !args.Context.Properties.GetValue(CutKey, false),
                    _ => true,
                }),
            })
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = static args => ValueTask.FromResult(args.Context.Properties.GetValue(BoundKey, TimeSpan.FromMilliseconds(250))),
            })
            .Build();
    }

    /// <summary>
    /// Gets a value indicating whether the last decision was taken on Redis, shared with the other processes, rather
    /// than in this process because Redis was unavailable.
    /// </summary>
    public bool IsShared => _isShared;

    /// <summary>Gets the budget's meter (for tests).</summary>
    internal Meter Meter { get; }

    /// <summary>
    /// Gets or sets what learns of each turn taken on Redis: the server's instant of the decision and the wait, in
    /// microseconds (for tests, which check the shared schedule on the server's clock).
    /// </summary>
    internal Action<long, long>? TurnTaken { get; set; }

    /// <summary>
    /// Connects to Redis and makes a budget that owns the connection. Never fails or waits long because Redis is
    /// unavailable: the connection is made with <c>AbortOnConnectFail=false</c> (it goes on trying by itself),
    /// <see cref="BacklogPolicy.FailFast"/>, and a connect timeout of 2 seconds unless the configuration sets one, the first
    /// connection tried once unless it sets <c>connectRetry</c>; until it answers, decisions are taken in this process.
    /// </summary>
    /// <param name="configuration">
    /// A StackExchange.Redis configuration, such as <c>cache.example.net:6380,ssl=true,password=...</c>. Its text is
    /// never logged nor repeated in an exception: it may hold a password.
    /// </param>
    /// <param name="options">The budget's settings.</param>
    /// <returns>The budget, to dispose when done.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configuration"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The configuration cannot be read, or an option is missing or invalid.</exception>
    public static RedisRequestBudget Connect(string configuration, RedisRequestBudgetOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();

        ConfigurationOptions config;
        try
        {
            config = ConfigurationOptions.Parse(configuration);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            // Not the parser's message: it may quote the configuration, password included.
            throw new ArgumentException("The Redis configuration could not be read; expected 'host:port[,option=value...]'.", nameof(configuration));
        }

        if (config.EndPoints.Count == 0)
        {
            throw new ArgumentException("The Redis configuration names no endpoint; expected 'host:port[,option=value...]'.", nameof(configuration));
        }

        config.AbortOnConnectFail = false;
        config.BacklogPolicy = BacklogPolicy.FailFast;
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase))
        {
            config.ConnectTimeout = DefaultConnectTimeoutMilliseconds;
        }

        if (!configuration.Contains("connectRetry", StringComparison.OrdinalIgnoreCase))
        {
            // The first connection is tried once within the timeout (by default three times, each with the whole
            // timeout, before Connect returns); later attempts go on in the background.
            config.ConnectRetry = 1;
        }

        var redis = ConnectionMultiplexer.Connect(config);
        try
        {
            return new RedisRequestBudget(redis, options, ownsRedis: true);
        }
        catch
        {
            redis.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public override ValueTask<RequestBudgetTurn> WaitAsync(Guid customerId, TimeSpan? timeLeft, CancellationToken cancellationToken) =>
        WaitAsync(customerId, timeLeft, afterPause: false, cancellationToken);

    /// <summary>Takes a turn as <see cref="WaitAsync(Guid, TimeSpan?, CancellationToken)"/> does.</summary>
    /// <param name="customerId">The customer of the request.</param>
    /// <param name="timeLeft">How long the call has left.</param>
    /// <param name="afterPause">Whether this is the second turn of an attempt whose first slot a pause overtook: it is not checked again.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    private async ValueTask<RequestBudgetTurn> WaitAsync(Guid customerId, TimeSpan? timeLeft, bool afterPause, CancellationToken cancellationToken)
    {
        var (rateKey, pauseKey, instancesKey) = KeysFor(customerId);
        var redisTimeout = _answered || _options.RedisTimeout >= FirstAnswerTimeout ? _options.RedisTimeout : FirstAnswerTimeout;
        var bound = timeLeft is { } left && left < redisTimeout ? left : redisTimeout;
        var answer = await TryRedisAsync(
            RedisBudgetScripts.TakeTurn,
            [rateKey, pauseKey, instancesKey],
            [_intervalMicroseconds, _burstMicroseconds, timeLeft is { } l ? Math.Max(0, l.Ticks / 10) : -1, _instanceId, InstanceWindow.Ticks / 10],
            bound,
            cancellationToken,
            static answer => ReadTurn(answer) is not null).ConfigureAwait(false);
        if (answer is null || ReadTurn(answer) is not { } turn)
        {
            return await WaitLocallyAsync(customerId, timeLeft, cancellationToken).ConfigureAwait(false);
        }

        var (taken, microseconds, now, instances) = turn;
        _instances = instances;
        if (!taken)
        {
            return RequestBudgetTurn.Refused(FromMicroseconds(Math.Max(1, microseconds)));
        }

        TurnTaken?.Invoke(now, Math.Max(0, microseconds));
        microseconds = Math.Max(microseconds, ((Interlocked.Read(ref _aloneUntilTicks) - _options.TimeProvider.GetUtcNow().UtcTicks) / 10) + _intervalMicroseconds);
        if (microseconds <= 0)
        {
            return default;
        }

        var wait = FromMicroseconds(microseconds);
        RaiseTo(ref _grantedUntilTicks, _options.TimeProvider.GetUtcNow().UtcTicks + wait.Ticks);
        try
        {
            // A queue of thousands at a tiny rate can be further off than one timer reaches.
            for (var rest = wait; rest > TimeSpan.Zero; rest -= LongestTimer)
            {
                await Task.Delay(rest < LongestTimer ? rest : LongestTimer, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            await GiveBackAsync(rateKey).ConfigureAwait(false);
            throw;
        }

        // A throttled answer may have paused the budget (in any process) while this attempt waited for its slot: it
        // then waits for the pause, and for a new slot after it (once: a clock that runs ahead of the server's cannot
        // make it loop).
        if (afterPause)
        {
            return new RequestBudgetTurn(wait);
        }

        var pauseLeft = await TryRedisAsync(RedisBudgetScripts.PauseLeft, [pauseKey], [], _options.RedisTimeout, cancellationToken, static answer => ReadNumber(answer) is not null).ConfigureAwait(false);
        var pauseMicroseconds = pauseLeft is not null && ReadNumber(pauseLeft) is { } read ? read : 0;
        if (pauseMicroseconds <= 0)
        {
            return new RequestBudgetTurn(wait);
        }

        if (pauseMicroseconds <= PauseEndTolerance.Ticks / 10)
        {
            // The pause this wait was given ends now, as far as the two clocks can tell: sleep off the rest, no new turn.
            await Task.Delay(FromMicroseconds(pauseMicroseconds), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            return new RequestBudgetTurn(wait + FromMicroseconds(pauseMicroseconds));
        }

        var after = await WaitAsync(customerId, timeLeft - wait, afterPause: true, cancellationToken).ConfigureAwait(false);
        return after.RefusedFor is { } refused ? RequestBudgetTurn.Refused(refused) : new RequestBudgetTurn(wait + after.Waited);
    }

    /// <inheritdoc/>
    public override async ValueTask PauseAsync(Guid customerId, TimeSpan pause, CancellationToken cancellationToken)
    {
        if (pause <= TimeSpan.Zero)
        {
            return;
        }

        // Also here, so that decisions taken in this process during an outage honour it.
        RaiseTo(ref _pausedUntilTicks, _options.TimeProvider.GetUtcNow().UtcTicks + Math.Min(pause.Ticks, TimeSpan.MaxValue.Ticks / 2));

        await _local.Budget.PauseAsync(customerId, pause, cancellationToken).ConfigureAwait(false);
        var (_, pauseKey, _) = KeysFor(customerId);
        await TryRedisAsync(RedisBudgetScripts.Pause, [pauseKey], [Math.Max(1, pause.Ticks / 10)], _options.RedisTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Disposes the connection when the budget made it (<see cref="Connect"/>), and the budget's own meter.</summary>
    public void Dispose()
    {
        if (_ownsRedis)
        {
            _redis.Dispose();
        }

        _ownMeter?.Dispose();
    }

    /// <summary>
    /// Reads the answer of <see cref="RedisBudgetScripts.TakeTurn"/>; <see langword="null"/> when it is not the script's
    /// (a server or proxy that answers otherwise is treated as unavailable: the decision is then this process's).
    /// </summary>
    /// <param name="answer">The server's answer.</param>
    /// <returns>Whether the turn was taken, the wait (or the pause left) and the server's instant in microseconds, and the instances on the schedule.</returns>
    internal static (bool Taken, long Microseconds, long Now, int Instances)? ReadTurn(RedisResult answer)
    {
        if (answer.Resp2Type != ResultType.Array || answer.Length < 4)
        {
            return null;
        }

        var parts = (RedisResult[])answer!;
        return ReadNumber(parts[0]) is { } taken and (0 or 1) && ReadNumber(parts[1]) is { } microseconds
               && ReadNumber(parts[2]) is { } now && ReadNumber(parts[3]) is { } instances and > 0
            ? (taken == 1, microseconds, now, (int)Math.Min(instances, int.MaxValue))
            : null;
    }

    /// <summary>Reads a whole number the scripts return (an integer, or a string of digits); <see langword="null"/> for anything else.</summary>
    private static long? ReadNumber(RedisResult value) =>
        value.Resp2Type is ResultType.Integer or ResultType.BulkString or ResultType.SimpleString
        && long.TryParse(value.ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    private static TimeSpan FromMicroseconds(long microseconds) =>
        microseconds >= TimeSpan.MaxValue.Ticks / 10 ? TimeSpan.MaxValue : TimeSpan.FromTicks(microseconds * 10);

    private static string DescribeEndpoints(IConnectionMultiplexer redis)
    {
        var endpoints = redis.GetEndPoints(configuredOnly: true);
        return endpoints.Length == 0
            ? "(no endpoint)"
            : string.Join(", ", endpoints.Select(e => e switch
            {
                DnsEndPoint dns => string.Create(CultureInfo.InvariantCulture, $"{dns.Host}:{dns.Port}"),
                _ => e.ToString() ?? "(endpoint)",
            }));
    }

    private RedisKey Key(string scope, string name) => new($"{_options.KeyPrefix}{{{scope}}}:{name}");

    private (RedisKey Rate, RedisKey Pause, RedisKey Instances) KeysFor(Guid customerId)
    {
        if (_options.Scope == RedisBudgetScope.Partner)
        {
            return (_partnerRateKey, _partnerPauseKey, _partnerInstancesKey);
        }

        var scope = string.Create(CultureInfo.InvariantCulture, $"{_options.PartnerTenant.Trim().ToLowerInvariant()}:{customerId:D}");
        return (Key(scope, "rate"), Key(scope, "pause"), Key(scope, "instances"));
    }

    /// <summary>
    /// Runs one script within its bound and the circuit breaker; <see langword="null"/> when Redis failed, was slow or is
    /// held off by the breaker: the decision is then this process's, counted and (once per outage) logged.
    /// </summary>
    /// <param name="script">The script.</param>
    /// <param name="keys">Its keys.</param>
    /// <param name="values">Its arguments.</param>
    /// <param name="bound">How long the call may take.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    /// <param name="isTheScriptsAnswer">
    /// Whether an answer has the script's shape: a server (or proxy) that answers otherwise counts as failing, for the
    /// circuit breaker and the warning as any other error.
    /// </param>
    private async ValueTask<RedisResult?> TryRedisAsync(
        string script, RedisKey[] keys, RedisValue[] values, TimeSpan bound, CancellationToken cancellationToken, Func<RedisResult, bool>? isTheScriptsAnswer = null)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        var cut = bound < _options.RedisTimeout;
        context.Properties.Set(BoundKey, bound > TimeSpan.Zero ? bound : TimeSpan.FromMilliseconds(1));
        context.Properties.Set(CutKey, cut);
        try
        {
            var result = await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    if (!state.Redis.IsConnected)
                    {
                        throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "No connection to Redis is open.");
                    }

                    var answer = await state.Redis.GetDatabase().ScriptEvaluateAsync(state.Script, state.Keys, state.Values)
                        .WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                    return state.Check is null || state.Check(answer)
                        ? answer
                        : throw new InvalidDataException("The server's answer to the request budget's script does not have the script's shape.");
                },
                context,
                (Redis: _redis, Script: script, Keys: keys, Values: values, Check: isTheScriptsAnswer)).ConfigureAwait(false);
            OnShared();
            return result;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException) when (cut)
        {
            // Over the call's own time left, not over Redis's bound: no outage. A script that ran meanwhile took a
            // turn nobody uses; the schedule is only a little later for it.
            _localDecisions.Add(1);
            return null;
        }
        catch (Exception e)
        {
            OnLocal(e);
            return null;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>Best effort, within the Redis bound: a slot not given back only delays the requests after it.</summary>
    private async ValueTask GiveBackAsync(RedisKey rateKey)
    {
        if (_intervalMicroseconds == 0)
        {
            return;
        }

        var context = ResilienceContextPool.Shared.Get(CancellationToken.None);
        context.Properties.Set(BoundKey, _options.RedisTimeout);
        try
        {
            await _pipeline.ExecuteAsync(
                static async (ctx, state) =>
                {
                    if (state.Redis.IsConnected)
                    {
                        await state.Redis.GetDatabase().ScriptEvaluateAsync(RedisBudgetScripts.GiveBack, [state.Key], [state.Interval])
                            .WaitAsync(ctx.CancellationToken).ConfigureAwait(false);
                    }
                },
                context,
                (Redis: _redis, Key: rateKey, Interval: _intervalMicroseconds)).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Whatever went wrong, the caller's cancellation is what it must see.
            // The slot stays taken; the next decisions on Redis are simply a little later.
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private void OnShared()
    {
        _isShared = true;
        _answered = true;
        if (Interlocked.Exchange(ref _unavailable, 0) == 1)
        {
            Log.RedisAvailable(_logger, _endpoint);
        }
    }

    /// <summary>
    /// Takes a turn of the in-process budget, once the turns Redis gave this process before it went have come: the
    /// shared schedule may have queued them seconds ahead, and they still go.
    /// </summary>
    private async ValueTask<RequestBudgetTurn> WaitLocallyAsync(Guid customerId, TimeSpan? timeLeft, CancellationToken cancellationToken)
    {
        var now = _options.TimeProvider.GetUtcNow().UtcTicks;
        var behind = TimeSpan.FromTicks(Math.Min(Interlocked.Read(ref _grantedUntilTicks) - now, LongestTimer.Ticks));
        if (_local.Rate > 0)
        {
            // The in-process schedule has no bursts: this turn comes one of its intervals after the one before, or later.
            var start = Math.Max(now + Math.Max(0, behind.Ticks), Interlocked.Read(ref _pausedUntilTicks));
            var interval = (long)(TimeSpan.TicksPerSecond / _local.Rate);
            for (var seen = Interlocked.Read(ref _aloneUntilTicks); Interlocked.CompareExchange(ref _aloneUntilTicks, Math.Max(seen + interval, start), seen) != seen; seen = Interlocked.Read(ref _aloneUntilTicks))
            {
            }
        }

        if (behind <= TimeSpan.Zero)
        {
            return await _local.Budget.WaitAsync(customerId, timeLeft, cancellationToken).ConfigureAwait(false);
        }

        await Task.Delay(behind, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        var turn = await _local.Budget.WaitAsync(customerId, timeLeft is { } left ? (left > behind ? left - behind : TimeSpan.Zero) : null, cancellationToken).ConfigureAwait(false);
        return turn.RefusedFor is null ? new RequestBudgetTurn(behind + turn.Waited) : turn;
    }

    private static void RaiseTo(ref long field, long value)
    {
        for (var seen = Interlocked.Read(ref field); seen < value; seen = Interlocked.Read(ref field))
        {
            if (Interlocked.CompareExchange(ref field, value, seen) == seen)
            {
                break;
            }
        }
    }

    private void OnLocal(Exception error)
    {
        _isShared = false;
        _localDecisions.Add(1);
        if (Interlocked.Exchange(ref _unavailable, 1) == 0)
        {
            var local = ShareOfTheOutage();
            // The type only: a Redis exception's message can describe the connection at length.
            Log.RedisUnavailable(_logger, _endpoint, error.GetType().Name, local.Rate, _instances);
        }
    }

    /// <summary>
    /// The in-process budget for the outage that begins: unless <see cref="RedisRequestBudgetOptions.LocalRequestsPerSecond"/>
    /// is set, this process's share of the rate among the instances Redis last counted, so that together they keep to
    /// the partner's rate while each decides alone. A new share starts with the pause this budget knows of.
    /// </summary>
    private LocalShare ShareOfTheOutage()
    {
        var local = _local;
        var instances = _instances;
        if (_options.LocalRequestsPerSecond is not null || _options.RequestsPerSecond <= 0 || instances == local.Instances)
        {
            return local;
        }

        var rate = Math.Max(MinLocalRate, _options.RequestsPerSecond / instances);
        var share = new LocalShare(new LocalRequestBudget(rate, _options.TimeProvider, allowBursts: false), rate, instances);
        var pauseLeft = Interlocked.Read(ref _pausedUntilTicks) - _options.TimeProvider.GetUtcNow().UtcTicks;
        if (pauseLeft > 0)
        {
            _ = share.Budget.PauseAsync(Guid.Empty, TimeSpan.FromTicks(pauseLeft), CancellationToken.None);
        }

        _local = share;
        return share;
    }

    /// <summary>An in-process budget, its rate and the number of instances it is a share among.</summary>
    private sealed record LocalShare(LocalRequestBudget Budget, double Rate, int Instances);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, EventName = "RedisUnavailable", Level = LogLevel.Warning,
            Message = "Redis at {Endpoint} is unavailable or slow ({ErrorType}): the request budget decides in this process, at {LocalRequestsPerSecond} requests per second until Redis answers again ({Instances} instance(s) of the budget took turns on Redis in the last minute)")]
        public static partial void RedisUnavailable(ILogger logger, string endpoint, string errorType, double localRequestsPerSecond, int instances);

        [LoggerMessage(EventId = 2, EventName = "RedisAvailable", Level = LogLevel.Information,
            Message = "Redis at {Endpoint} answers again: the request budget is shared again")]
        public static partial void RedisAvailable(ILogger logger, string endpoint);
    }
}
