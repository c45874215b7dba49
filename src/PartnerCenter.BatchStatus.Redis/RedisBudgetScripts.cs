namespace PartnerCenter.BatchStatus.Redis;

/// <summary>
/// The budget's Lua scripts, one per decision, each run atomically by the server. Instants are the server's own
/// (<c>TIME</c>, in microseconds); only durations go in and out, so the clocks of the clients need not agree.
/// Numbers are written with <c>%.0f</c>: a plain number would become a string in exponent form once it is large.
/// Every key expires once it no longer matters, so an idle budget leaves nothing behind.
/// </summary>
internal static class RedisBudgetScripts
{
    /// <summary>
    /// Takes the next slot of the schedule in KEYS[1] (the next free slot, a generic cell rate schedule) after the pause
    /// in KEYS[2], or refuses without taking one when the pause lasts for the time left or longer.
    /// ARGV: the interval between slots, the burst (how far ahead of its slot a request may go) and the time the call
    /// has left (-1 for unbounded), in microseconds; then the budget instance's id and the window of KEYS[3], the set of
    /// the instances that took a turn within that window (microseconds), where this one is recorded first. Returns
    /// { 1, wait, now, instances } or { 0, pause left, now, instances }, in microseconds (now, the server's instant, only
    /// for diagnostics: the budget goes by the durations).
    /// </summary>
    public const string TakeTurn = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local interval = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local left = tonumber(ARGV[3])
        local window = tonumber(ARGV[5])
        redis.call('ZADD', KEYS[3], string.format('%.0f', now), ARGV[4])
        redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', string.format('(%.0f', now - window))
        redis.call('PEXPIRE', KEYS[3], string.format('%.0f', math.ceil(window / 1000) + 1000))
        local instances = redis.call('ZCARD', KEYS[3])
        local paused = tonumber(redis.call('GET', KEYS[2]) or '0')
        if paused > now and left >= 0 and paused - now >= left then
          return { 0, string.format('%.0f', paused - now), string.format('%.0f', now), instances }
        end
        local start = math.max(now, paused)
        if interval <= 0 then
          return { 1, string.format('%.0f', start - now), string.format('%.0f', now), instances }
        end
        local slot = math.max(tonumber(redis.call('GET', KEYS[1]) or '0'), start)
        local nextSlot = slot + interval
        redis.call('SET', KEYS[1], string.format('%.0f', nextSlot), 'PX', string.format('%.0f', math.ceil((nextSlot - now) / 1000) + 1000))
        return { 1, string.format('%.0f', math.max(start, slot - burst) - now), string.format('%.0f', now), instances }
        """;

    /// <summary>How long the pause in KEYS[1] still lasts, in microseconds; 0 when the budget is not paused.</summary>
    public const string PauseLeft = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local paused = tonumber(redis.call('GET', KEYS[1]) or '0')
        if paused > now then
          return string.format('%.0f', paused - now)
        end
        return 0
        """;

    /// <summary>
    /// Gives back the slot of a request that stopped waiting: the next free slot in KEYS[1] moves back by one interval
    /// (ARGV[1], in microseconds), never before now. Returns 1.
    /// </summary>
    public const string GiveBack = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local nextSlot = tonumber(redis.call('GET', KEYS[1]) or '0')
        local back = math.max(nextSlot - tonumber(ARGV[1]), now)
        if back < nextSlot then
          redis.call('SET', KEYS[1], string.format('%.0f', back), 'PX', string.format('%.0f', math.ceil((back - now) / 1000) + 1000))
        end
        return 1
        """;

    /// <summary>
    /// Pauses the budget for ARGV[1] microseconds from now: the end of the pause in KEYS[1] moves later, never earlier.
    /// Returns 1.
    /// </summary>
    public const string Pause = """
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local untilNow = now + tonumber(ARGV[1])
        local current = tonumber(redis.call('GET', KEYS[1]) or '0')
        if untilNow > current then
          redis.call('SET', KEYS[1], string.format('%.0f', untilNow), 'PX', string.format('%.0f', math.ceil((untilNow - now) / 1000) + 1000))
        end
        return 1
        """;
}
