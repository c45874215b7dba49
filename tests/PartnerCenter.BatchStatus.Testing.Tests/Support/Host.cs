namespace PartnerCenter.BatchStatus.Testing.Tests.Support;

/// <summary>One of the two hosts of the kit's fake service, so that a theory runs each ability on both.</summary>
public sealed class Host : IDisposable
{
    public const string InProcess = "in-process";
    public const string WireMock = "WireMock";

    private readonly FakePartnerCenter? _server;

    public Host(string name, TimeProvider? time = null)
    {
        Service = new FakePartnerCenterTransport(time);
        _server = name == WireMock ? FakePartnerCenter.Start(Service) : null;
        Http = _server is null
            ? new HttpClient(Service, disposeHandler: false) { BaseAddress = new Uri("https://api.partnercenter.microsoft.com/") }
            : new HttpClient { BaseAddress = _server.Endpoint };
    }

    public static TheoryData<string> Both => [InProcess, WireMock];

    public FakePartnerCenterTransport Service { get; }

    /// <summary>Gets a plain HTTP client of the host, to send what the Partner Center client never sends.</summary>
    public HttpClient Http { get; }

    public BatchStatusClient CreateClient(Action<BatchStatusClientOptions>? configure = null) =>
        _server?.CreateClient(configure) ?? Service.CreateClient(configure);

    /// <summary>A client that sees each answer as it comes: no retries, no request budget.</summary>
    public BatchStatusClient Client() => CreateClient(options => (options.Retry.MaxRetries, options.MaxRequestsPerSecond) = (0, 0));

    public void Dispose()
    {
        Http.Dispose();
        if (_server is null)
        {
            Service.Dispose();
        }
        else
        {
            _server.Dispose();
        }
    }
}
