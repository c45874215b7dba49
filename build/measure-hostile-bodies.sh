#!/usr/bin/env bash
# Measures the client's peak memory against hostile bodies over a real loopback socket, one process per case:
#   bomb-200   a 200 whose gzip body (about 4 MB on the wire) inflates to 4 GiB
#   bomb-500   the same body on a 500
#   bomb-429   the same body on a 429
#   error-100  a 500 with a 100 MiB body (not compressed, with its Content-Length)
# Each case makes one call with the client's default options (retries with tiny delays, no request budget) and
# prints the process's peak resident memory (VmHWM), the bytes it allocated, the requests the server saw and how the
# call ended. The probe is a console project made in a temporary folder that references the client's project of the
# repository given (default: this one), so an older checkout can be measured the same way:
#   build/measure-hostile-bodies.sh [repository root] [cases...]
#   e.g. git archive <commit> | tar -x -C <empty folder> && build/measure-hostile-bodies.sh <that folder>
# Prints figures; asserts nothing (the tests in Wire/BoundedBodyTests.cs assert bounds).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
repo=$(cd "${1:-$root}" && pwd)
shift || true
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(bomb-200 bomb-500 bomb-429 error-100)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/Probe.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ServerGarbageCollection>false</ServerGarbageCollection>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/PartnerCenter.BatchStatus/PartnerCenter.BatchStatus.csproj" />
  </ItemGroup>
</Project>
XML

cat > "$work/Program.cs" <<'CS'
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Azure.Core;
using PartnerCenter.BatchStatus;

var kind = args[0];
var (status, gzip) = kind switch
{
    "bomb-200" => (200, true),
    "bomb-500" => (500, true),
    "bomb-429" => (429, true),
    "error-100" => (500, false),
    _ => throw new ArgumentException("unknown case " + kind),
};

byte[] Gzip(byte[] part, int repeats)
{
    using var output = new MemoryStream();
    using (var zip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
    {
        for (var i = 0; i < repeats; i++) zip.Write(part);
    }
    return output.ToArray();
}

// The body: a prefix, one part sent many times from one buffer, a suffix; gzip members one after another (RFC 1952).
byte[] prefix, part, suffix;
int repeats;
if (gzip)
{
    prefix = Gzip("{\"batchTrackingId\":\""u8.ToArray(), 1);
    part = Gzip(Encoding.ASCII.GetBytes(new string('A', 64 * 1024)), 1024);
    repeats = 64;
    suffix = Gzip("\"}"u8.ToArray(), 1);
}
else
{
    prefix = "{\"code\":\"500\",\"description\":\""u8.ToArray();
    part = new byte[1024 * 1024];
    Array.Fill(part, (byte)'x');
    repeats = 100;
    suffix = "\"}"u8.ToArray();
}

var length = gzip ? string.Empty : $"Content-Length: {prefix.Length + (long)part.Length * repeats + suffix.Length}\r\n";
var encoding = gzip ? "Content-Encoding: gzip\r\n" : string.Empty;
var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(HttpStatusCode)status}\r\nContent-Type: application/json\r\n{length}{encoding}Connection: close\r\n\r\n");
var listener = new TcpListener(IPAddress.Loopback, 0);
listener.Start();
var requests = 0;
_ = Task.Run(async () =>
{
    while (true)
    {
        var socket = await listener.AcceptSocketAsync();
        _ = Task.Run(async () =>
        {
            using (socket)
            {
                try
                {
                    var buffer = new byte[8192];
                    var received = 0;
                    while (received < 4 || !buffer.AsSpan(0, received).EndsWith("\r\n\r\n"u8))
                    {
                        var read = await socket.ReceiveAsync(buffer.AsMemory(received));
                        if (read == 0) return;
                        received += read;
                    }
                    Interlocked.Increment(ref requests);
                    await socket.SendAsync(head);
                    await socket.SendAsync(prefix);
                    for (var i = 0; i < repeats; i++) await socket.SendAsync(part);
                    await socket.SendAsync(suffix);
                    socket.Shutdown(SocketShutdown.Send);
                }
                catch (Exception e) when (e is SocketException or IOException)
                {
                }
            }
        });
    }
});

var options = new BatchStatusClientOptions
{
    Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/"),
    AllowInsecureLoopbackEndpoint = true,
    MaxRequestsPerSecond = 0,
    Timeout = TimeSpan.FromMinutes(20),
    Retry = { BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5), AttemptTimeout = TimeSpan.FromMinutes(5) },
};
using var client = new BatchStatusClient(new StaticToken(), options);
var before = GC.GetTotalAllocatedBytes(precise: true);
string outcome;
try
{
    var details = await client.GetBatchJobStatusAsync(Guid.Parse("47021739-3426-40bf-9601-61b4b6d7c793"), Guid.Parse("0127ed8e-ff72-4983-a3d8-e8d8bd378932"));
    outcome = "answered " + details.Response?.StatusCode;
}
catch (Exception e)
{
    outcome = e.GetType().Name + (e is PartnerCenterApiException api ? " " + api.StatusCode : string.Empty);
}

var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
var peak = File.ReadLines("/proc/self/status").First(line => line.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
Console.WriteLine($"{kind,-10} peak {long.Parse(peak) / 1024.0,9:0.0} MiB  allocated {allocated / 1024.0 / 1024.0,9:0.0} MiB  requests {Volatile.Read(ref requests)}  {outcome}");

sealed class StaticToken : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new("probe-token", DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
CS

echo "measure-hostile-bodies: building the probe against $repo" >&2
log=$(dotnet build "$work/Probe.csproj" -c Release -o "$work/out" -nologo 2>&1) || { echo "$log" >&2; exit 1; }
for case in "${cases[@]}"; do
  dotnet "$work/out/Probe.dll" "$case"
done
