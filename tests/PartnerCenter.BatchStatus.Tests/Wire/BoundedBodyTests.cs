using PartnerCenter.BatchStatus.Tests.Support;
using Xunit.Abstractions;

namespace PartnerCenter.BatchStatus.Tests.Wire;

/// <summary>Runs alone: the memory tests count every byte the process allocates while a call runs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "memory measured";
}

/// <summary>
/// Hostile bodies over a real loopback socket: every body is read within a bound, counted after decompression. A 200
/// larger than <see cref="BatchStatusClientOptions.MaxResponseBodyBytes"/> fails once, typed and not retried; an error
/// body is read only as far as what is kept. Each test measures what the call allocated (the whole process, nothing
/// else running): a bound the old, unbounded reading broke by gigabytes.
/// </summary>
[Collection(MemoryMeasuredCollection.Name)]
public sealed class BoundedBodyTests(ITestOutputHelper output)
{
    private const long MiB = 1024 * 1024;
    private readonly TestTokenCredential _credential = new();

    [Fact]
    public async Task GzipBombOn200_FailsOnceWithTheBoundAndTheIds_AllocatingAboutTheBound()
    {
        await using var server = RawSocketServer.Always(RawSocketServer.Answer.GzipBomb(200));
        using var client = new BatchStatusClient(_credential, Options(server, maxRetries: 4));
        const long bound = 128 * MiB;

        var (exception, allocated) = await MeasureAsync(() => Assert.ThrowsAsync<PartnerCenterResponseTooLargeException>(
            () => client.GetDocumentedAsync()));

        Assert.Single(server.Requests);
        Assert.Equal(200, exception.StatusCode);
        Assert.Equal(bound, exception.MaxResponseBodyBytes);
        Assert.NotNull(exception.RequestId);
        Assert.NotNull(exception.CorrelationId);
        Assert.Contains("BatchStatusClientOptions.MaxResponseBodyBytes", exception.Message, StringComparison.Ordinal);
        Assert.Contains("134,217,728 bytes", exception.Message, StringComparison.Ordinal);

        // The body grows by doubling up to the bound (128 MiB): about twice the bound in all. Unbounded, the same
        // answer took more than 2 GB and ended in OutOfMemoryException.
        Assert.InRange(allocated, 0, 3 * bound);
    }

    [Fact]
    public async Task GzipBombOn200_AboveASmallBound_StopsThere()
    {
        await using var server = RawSocketServer.Always(RawSocketServer.Answer.GzipBomb(200));
        var options = Options(server, maxRetries: 2);
        options.MaxResponseBodyBytes = MiB;
        using var client = new BatchStatusClient(_credential, options);

        var (exception, allocated) = await MeasureAsync(() => Assert.ThrowsAsync<PartnerCenterResponseTooLargeException>(
            () => client.GetDocumentedAsync()));

        Assert.Equal(MiB, exception.MaxResponseBodyBytes);
        Assert.Contains("1,048,576 bytes", exception.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
        Assert.InRange(allocated, 0, 8 * MiB);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task GzipBombOnAnError_ReadsOnlyWhatIsKeptOnEveryAttempt(int status)
    {
        await using var server = RawSocketServer.Always(RawSocketServer.Answer.GzipBomb(status));
        using var client = new BatchStatusClient(_credential, Options(server, maxRetries: 2));

        var (exception, allocated) = await MeasureAsync(() => Assert.ThrowsAsync<PartnerCenterApiException>(
            () => client.GetDocumentedAsync()));

        Assert.Equal(status, exception.StatusCode);
        Assert.IsNotType<PartnerCenterResponseTooLargeException>(exception);
        Assert.Equal(3, server.Requests.Count);
        Assert.StartsWith("""{"batchTrackingId":"AAAA""", exception.ResponseBody, StringComparison.Ordinal);
        Assert.EndsWith("…(truncated)", exception.ResponseBody, StringComparison.Ordinal);

        // Three attempts of 16 KiB each, and the connections' own buffers. Unbounded: 6.36 GB.
        Assert.InRange(allocated, 0, 16 * MiB);
    }

    [Fact]
    public async Task HundredMegabyteErrorBody_ReadsOnlyWhatIsKeptAndLetsTheConnectionGo()
    {
        await using var server = RawSocketServer.Always(RawSocketServer.Answer.Large(500, mebibytes: 100));
        using var client = new BatchStatusClient(_credential, Options(server, maxRetries: 4));

        var (exception, allocated) = await MeasureAsync(() => Assert.ThrowsAsync<PartnerCenterApiException>(
            () => client.GetDocumentedAsync()));

        Assert.Equal(500, exception.StatusCode);
        Assert.Equal(5, server.Requests.Count);
        Assert.Equal(PartnerCenterApiException.MaxResponseBodyLength + "…(truncated)".Length, exception.ResponseBody!.Length);

        // Unbounded: the whole 100 MB was read on each of the 5 attempts (1.64 GB peak).
        Assert.InRange(allocated, 0, 16 * MiB);

        // No one reads on: a connection takes what the sockets' buffers hold, not the body.
        await server.FirstAnswerServed.WaitAsync(TimeSpan.FromSeconds(10));
        output.WriteLine($"most body bytes one connection took: {server.MostBodyBytesSent:N0}");
        Assert.InRange(server.MostBodyBytesSent, 0, 32 * MiB);
    }

    [Fact]
    public async Task TooLargeByItsContentLength_FailsBeforeReadingTheBody()
    {
        await using var server = RawSocketServer.Always(RawSocketServer.Answer.Large(200, mebibytes: 100));
        var options = Options(server, maxRetries: 2);
        options.MaxResponseBodyBytes = 64 * MiB;
        using var client = new BatchStatusClient(_credential, options);

        var (exception, allocated) = await MeasureAsync(() => Assert.ThrowsAsync<PartnerCenterResponseTooLargeException>(
            () => client.GetDocumentedAsync()));

        Assert.Equal(64 * MiB, exception.MaxResponseBodyBytes);
        Assert.Single(server.Requests);
        Assert.InRange(allocated, 0, 4 * MiB);
    }

    private static BatchStatusClientOptions Options(RawSocketServer server, int maxRetries)
    {
        var options = server.Options(maxRetries);
        options.MaxRequestsPerSecond = 0;
        return options;
    }

    private async Task<(T Result, long Allocated)> MeasureAsync<T>(Func<Task<T>> run)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var result = await run();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        output.WriteLine($"allocated during the call: {allocated:N0} bytes");
        return (result, allocated);
    }
}
