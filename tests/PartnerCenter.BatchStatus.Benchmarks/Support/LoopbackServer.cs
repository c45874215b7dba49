using System.Diagnostics;
using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.BatchStatus.Benchmarks.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 in a process of its own (this assembly started with <c>--serve</c>), so that serving
/// does not share the measured process: it answers every GET with the documented sample and counts the connections it
/// accepts. It prints its address once it listens, answers <c>connections</c> on its standard input with the count,
/// and stops when its standard input closes.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    public const string ServeArgument = "--serve";

    private readonly Process _process;

    private LoopbackServer(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    /// <summary>Starts the server process and returns once it listens.</summary>
    public static async Task<LoopbackServer> StartAsync()
    {
        // The runtime configuration of the process running now lists the frameworks this assembly needs.
        var entry = Assembly.GetEntryAssembly()!.Location;
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "exec", "--runtimeconfig", Path.ChangeExtension(entry, ".runtimeconfig.json"), typeof(LoopbackServer).Assembly.Location, ServeArgument },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start)!;
        var address = await process.StandardOutput.ReadLineAsync();
        if (address is null)
        {
            await process.WaitForExitAsync();
            throw new InvalidOperationException($"The loopback server exited with {process.ExitCode} before it listened.");
        }

        return new LoopbackServer(process, new Uri(address));
    }

    /// <summary>Asks the server how many connections it has accepted since it started.</summary>
    public async Task<int> ConnectionsAcceptedAsync()
    {
        await _process.StandardInput.WriteLineAsync("connections");
        await _process.StandardInput.FlushAsync();
        return int.Parse((await _process.StandardOutput.ReadLineAsync())!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>The server process: serves until its standard input closes.</summary>
    public static async Task ServeAsync()
    {
        var body = Payloads.DocumentedSample;
        var connections = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Use(next => connection =>
        {
            Interlocked.Increment(ref connections);
            return next(connection);
        })));
        await using var app = builder.Build();
        app.MapGet("/{**path}", context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body).AsTask();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Console.WriteLine(address.EndsWith('/') ? address : address + "/");
        while (await Console.In.ReadLineAsync() is { } command)
        {
            Console.WriteLine(command == "connections" ? Volatile.Read(ref connections) : throw new InvalidOperationException($"Unknown command '{command}'."));
        }

        await app.StopAsync();
    }
}
