using System.Diagnostics.Metrics;

namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>
/// Tells when the client has received the headers of an answer from one local server: .NET's own
/// <c>http.client.request.duration</c> measurement, which its HTTP handler records once the response headers arrived
/// (or the request failed), for that server's port. An event of the real socket stack, so a test can move a fake clock
/// exactly when the body is what the client waits for.
/// </summary>
internal sealed class ResponseHeadersListener : IDisposable
{
    /// <summary>Only guards against a hung test; no assertion depends on real time.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly MeterListener _listener = new();
    private readonly SemaphoreSlim _answers = new(0);
    private readonly int _port;
    private int _received;

    public ResponseHeadersListener(Uri server)
    {
        _port = server.Port;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "System.Net.Http" && instrument.Name == "http.client.request.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "server.port" && tag.Value is int port && port == _port)
                {
                    Interlocked.Increment(ref _received);
                    _answers.Release();
                    return;
                }
            }
        });
        _listener.Start();
    }

    /// <summary>Gets how many answers' headers (or failed requests) the client has seen so far.</summary>
    public int Received => Volatile.Read(ref _received);

    /// <summary>Waits for the headers of the next answer.</summary>
    public async Task NextAsync()
    {
        if (!await _answers.WaitAsync(HangGuard))
        {
            throw new TimeoutException($"Hang guard: the client received no further answer from port {_port} within {HangGuard.TotalSeconds} s of real time.");
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _answers.Dispose();
    }
}
