using System.Net;
using System.Net.Sockets;

namespace PartnerCenter.BatchStatus.Redis.Tests.Support;

/// <summary>
/// A loopback TCP proxy to a server that can hold back the server's answers: the connection stays open and the
/// requests arrive, but nothing comes back, as from a Redis that is slow rather than down.
/// </summary>
public sealed class StallingProxy : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _upstreamPort;
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _flowing = NewGate(open: true);

    public StallingProxy(int upstreamPort)
    {
        _upstreamPort = upstreamPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Endpoint => $"127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public void Stall() => Interlocked.Exchange(ref _flowing, NewGate(open: false));

    public void Resume() => Volatile.Read(ref _flowing).TrySetResult();

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        Resume();
    }

    private static TaskCompletionSource NewGate(bool open)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (open)
        {
            gate.SetResult();
        }

        return gate;
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var upstream = new TcpClient();
                await upstream.ConnectAsync(IPAddress.Loopback, _upstreamPort, _stop.Token);
                _ = PumpAsync(client.GetStream(), upstream.GetStream(), gated: false);
                _ = PumpAsync(upstream.GetStream(), client.GetStream(), gated: true);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task PumpAsync(NetworkStream from, NetworkStream to, bool gated)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
            {
                if (gated)
                {
                    await Volatile.Read(ref _flowing).Task;
                }

                await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            to.Dispose();
        }
    }
}
