using System.Globalization;
using Microsoft.Extensions.Logging;
using PartnerCenter.BatchStatus.Http;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// Settings of a <see cref="BatchStatusClient"/> created with a credential, or registered with
/// <c>AddBatchStatusClient</c>. They are checked when the client is created (or, with dependency injection, at start-up).
/// </summary>
public sealed class BatchStatusClientOptions
{
    internal const long DefaultMaxResponseBodyBytes = 128L * 1024 * 1024;
    internal const long MinMaxResponseBodyBytes = 64 * 1024;
    internal const long MaxMaxResponseBodyBytes = 1024L * 1024 * 1024;

    /// <summary>Initializes a new instance of the <see cref="BatchStatusClientOptions"/> class with the defaults: the global cloud, retries, a 100-second timeout and a budget of 5 requests per second.</summary>
    public BatchStatusClientOptions()
    {
    }

    /// <summary>
    /// Gets or sets the base address of the Partner Center API. The token is sent to this host only, and only over https.
    /// </summary>
    /// <value>
    /// The default value is the global cloud, <c>https://api.partnercenter.microsoft.com/</c>. Use
    /// <see cref="UseCloud(PartnerCenterCloud)"/> to switch to another cloud together with its scope.
    /// </value>
    public Uri Endpoint { get; set; } = PartnerCenterCloud.Global.Endpoint;

    /// <summary>Gets the token scopes requested from the credential.</summary>
    /// <value>
    /// The default value is <c>https://api.partnercenter.microsoft.com/.default</c>, for app-only and app+user
    /// credentials alike. Clear the list before adding another scope.
    /// </value>
    public IList<string> Scopes { get; private set; } = [PartnerCenterCloud.Global.Scope];

    /// <summary>Gets or sets the language of text the service returns, sent as <c>X-Locale</c>.</summary>
    /// <value>The default value is <c>en-US</c>.</value>
    public string Locale { get; set; } = "en-US";

    /// <summary>
    /// Gets or sets the name of the calling application, sent as <c>MS-PartnerCenter-Application</c> when set.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: the header is not sent.</value>
    public string? ApplicationName { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether a plain <c>http://</c> endpoint on this machine (<c>127.0.0.1</c>,
    /// <c>localhost</c> or <c>[::1]</c>) is accepted, for tests and the testing kit. Any other <c>http://</c>
    /// endpoint is always refused.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowInsecureLoopbackEndpoint { get; set; }

    /// <summary>Gets how calls that fail for a transient reason are retried.</summary>
    /// <value>A <see cref="BatchStatusRetryOptions"/> with its own defaults, to change in place.</value>
    public BatchStatusRetryOptions Retry { get; private set; } = new();

    /// <summary>
    /// Gets or sets how long one call may take, all attempts (each sending the request and reading the whole body) and
    /// the waits between them included. A call that takes longer fails with <see cref="PartnerCenterTimeoutException"/>.
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> turns this bound off.
    /// </summary>
    /// <value>The default value is 100 seconds.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Gets or sets where the client logs one line per call (status, request and correlation ids, attempts,
    /// elapsed time; never a token). With dependency injection, the container's logger factory is used when this is
    /// <see langword="null"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: nothing is logged.</value>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>
    /// Gets or sets the handler that sends requests over the network, at the end of the client's pipeline. Replace it to
    /// run the whole client (ids, headers, token, retries, timeouts, error mapping) against an in-process fake, such as
    /// the testing kit's, or to tune connections. The client does not dispose it.
    /// </summary>
    /// <remarks>
    /// A transport given here is used as it is. The client's own transport opens at most one new connection per
    /// attempt, so that a <see cref="SocketsHttpHandler"/> does not send an attempt again by itself when a connection
    /// closes before any answer (see <see cref="BatchStatusRetryOptions.MaxRetries"/>); a <see cref="SocketsHttpHandler"/>
    /// given here keeps doing so unless its own <see cref="SocketsHttpHandler.ConnectCallback"/> prevents it.
    /// </remarks>
    /// <value>
    /// The default value is <see langword="null"/>: a <see cref="SocketsHttpHandler"/> that follows no redirects,
    /// decompresses, sends no cookies and renews pooled connections every 5 minutes.
    /// </value>
    public HttpMessageHandler? Transport { get; set; }

    /// <summary>
    /// Gets or sets how many requests per second the client sends at most, shared by every call and every wait made
    /// through it (attempts and retries included): Partner Center throttles per partner and publishes no limits, and
    /// names continuous polling as a cause. Requests beyond the budget wait their turn, within the call's
    /// <see cref="Timeout"/> and cancellation. A throttled answer (429 with <c>Retry-After</c>) pauses every call of the
    /// client for that long, at most <see cref="BatchStatusRetryOptions.MaxRetryAfter"/>; a call that the pause would
    /// hold past its <see cref="Timeout"/> fails at once with <see cref="PartnerCenterApiException"/> (429) and sends
    /// nothing. 0 turns the budget off (a 429 still pauses the client).
    /// </summary>
    /// <value>
    /// The default value is 5 requests per second, with bursts of up to 5 (one second's worth). 0, or from 0.001 (one
    /// request every 1,000 seconds) to 1,000.
    /// </value>
    public double MaxRequestsPerSecond { get; set; } = 5;

    /// <summary>
    /// Gets or sets where the client's requests take their turns and where a throttled answer pauses them, in place of
    /// a budget of <see cref="MaxRequestsPerSecond"/> of its own: a <see cref="LocalRequestBudget"/> given to several
    /// clients of a process, or a budget shared by several processes, such as <c>PartnerCenter.BatchStatus.Redis</c>'s.
    /// The client bounds every pause it asks for by <see cref="BatchStatusRetryOptions.MaxRetryAfter"/>, and does not
    /// dispose the budget. With dependency injection, a <see cref="BatchStatus.RequestBudget"/> registered in the
    /// container is used when this is <see langword="null"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: a budget of <see cref="MaxRequestsPerSecond"/>, for this client alone.</value>
    public RequestBudget? RequestBudget { get; set; }

    /// <summary>
    /// Gets or sets the largest body, in bytes, that the client reads from a successful (200) answer, counted after
    /// decompression (and, for a body in a charset other than UTF-8, in UTF-8). A larger body fails the call with
    /// <see cref="PartnerCenterResponseTooLargeException"/>, which is not retried: a body that large is not a batch, and
    /// reading on would only cost memory (a compressed body of a few megabytes can inflate to gigabytes). The body is
    /// held in memory while it is read and stays on the result as <see cref="PartnerCenterResponseInfo.Content"/>. An
    /// error answer's body is read only as far as its first 16 KiB, what
    /// <see cref="PartnerCenterApiException.ResponseBody"/> keeps, whatever this bound.
    /// </summary>
    /// <remarks>
    /// Partner Center publishes no largest batch. One device in an answer takes about 250 bytes as the documented
    /// sample shows it, and about 400 with every field filled in and the body indented; a batch of 100,000 devices is
    /// then about 40 MB. The default is over three times that, room for more than 300,000 such devices.
    /// </remarks>
    /// <value>The default value is 128 MiB (134,217,728 bytes). From 64 KiB (65,536 bytes) to 1 GiB (1,073,741,824 bytes).</value>
    public long MaxResponseBodyBytes { get; set; } = DefaultMaxResponseBodyBytes;

    /// <summary>
    /// Gets or sets the factory of the client's <see cref="System.Diagnostics.Metrics.Meter"/> (named
    /// <c>PartnerCenter.BatchStatus</c>). With dependency injection, the container's factory is used when this is
    /// <see langword="null"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>: one meter shared by every client of the process.</value>
    public System.Diagnostics.Metrics.IMeterFactory? MeterFactory { get; set; }

    /// <summary>Gets or sets the clock used for waits, timeouts and token lifetimes.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Sets <see cref="Endpoint"/> and <see cref="Scopes"/> to those of a Partner Center cloud.</summary>
    /// <param name="cloud">The cloud, such as <see cref="PartnerCenterCloud.China"/>.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cloud"/> is <see langword="null"/>.</exception>
    public BatchStatusClientOptions UseCloud(PartnerCenterCloud cloud)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        Endpoint = cloud.Endpoint;
        Scopes = [cloud.Scope];
        return this;
    }

    /// <summary>Checks that the options can make a working, safe client.</summary>
    /// <exception cref="ArgumentException">
    /// A setting is missing or unsafe (such as a plain <c>http://</c> endpoint, or scopes of another cloud than the
    /// endpoint's); the message names the setting and says what to change.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A time span or count is out of range.</exception>
    public void Validate()
    {
        if (PartnerCenterEndpoint.Problem(Endpoint, AllowInsecureLoopbackEndpoint) is { } problem)
        {
            throw new ArgumentException(problem, nameof(Endpoint));
        }

        ValidateScopes();

        if (string.IsNullOrWhiteSpace(Locale) || !Locale.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw new ArgumentException($"{nameof(BatchStatusClientOptions)}.{nameof(Locale)} must be a culture name such as 'en-US'.", nameof(Locale));
        }

        if (ApplicationName is not null && (string.IsNullOrWhiteSpace(ApplicationName) || ApplicationName.Any(c => char.IsControl(c) || !char.IsAscii(c))))
        {
            throw new ArgumentException($"{nameof(BatchStatusClientOptions)}.{nameof(ApplicationName)} must be null or printable ASCII text without line breaks.", nameof(ApplicationName));
        }

        Retry.Validate();

        if (Timeout != System.Threading.Timeout.InfiniteTimeSpan && (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromDays(1)))
        {
            throw new ArgumentOutOfRangeException(
                nameof(Timeout),
                Timeout,
                $"{nameof(BatchStatusClientOptions)}.{nameof(Timeout)} must be positive and at most one day, or Timeout.InfiniteTimeSpan.");
        }

        // A rate below the least one would make the interval between two requests overflow: the budget would vanish.
        if (double.IsNaN(MaxRequestsPerSecond) || MaxRequestsPerSecond < 0 || MaxRequestsPerSecond > LocalRequestBudget.MaxRate
            || (MaxRequestsPerSecond > 0 && MaxRequestsPerSecond < LocalRequestBudget.MinRate))
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxRequestsPerSecond),
                MaxRequestsPerSecond,
                $"{nameof(BatchStatusClientOptions)}.{nameof(MaxRequestsPerSecond)} must be 0 (no budget) or between 0.001 (one request every 1,000 seconds) and 1000.");
        }

        if (MaxResponseBodyBytes is < MinMaxResponseBodyBytes or > MaxMaxResponseBodyBytes)
        {
            throw new ArgumentOutOfRangeException(
                nameof(MaxResponseBodyBytes),
                MaxResponseBodyBytes,
                $"{nameof(BatchStatusClientOptions)}.{nameof(MaxResponseBodyBytes)} must be between 65,536 (64 KiB) and 1,073,741,824 (1 GiB) bytes.");
        }

        if (TimeProvider is null)
        {
            throw new ArgumentException($"{nameof(BatchStatusClientOptions)}.{nameof(TimeProvider)} must not be null.", nameof(TimeProvider));
        }
    }

    /// <summary>Creates a copy, so that a client is not affected by later changes to the options it was given.</summary>
    internal BatchStatusClientOptions Clone()
    {
        var copy = (BatchStatusClientOptions)MemberwiseClone();
        copy.Scopes = [.. Scopes];
        copy.Retry = Retry.Clone();
        return copy;
    }

    private void ValidateScopes()
    {
        const string Name = nameof(BatchStatusClientOptions) + "." + nameof(Scopes);
        if (Scopes.Count == 0 || Scopes.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException($"{Name} must hold at least one scope, such as {PartnerCenterCloud.Global.Scope}, and no empty one.", nameof(Scopes));
        }

        // A token of one cloud is useless in the other; catch the mix-up before the first 401.
        if (PartnerCenterCloud.ForHost(Endpoint.Host) is { } cloud)
        {
            var other = cloud == PartnerCenterCloud.Global ? PartnerCenterCloud.China : PartnerCenterCloud.Global;
            var otherAudience = other.Endpoint.GetLeftPart(UriPartial.Authority);
            if (Scopes.Any(scope => scope.StartsWith(otherAudience, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{Name} asks for a token of the {other.Name} cloud, but {nameof(Endpoint)} is in the {cloud.Name} cloud: use {nameof(UseCloud)}(PartnerCenterCloud.{cloud.Name}) to set both."),
                    nameof(Scopes));
            }
        }
    }
}
