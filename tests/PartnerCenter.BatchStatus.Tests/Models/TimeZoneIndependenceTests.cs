using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Models;

[Collection(nameof(ProcessTimeZoneCollection))]
public sealed class TimeZoneIndependenceTests
{
    [Fact]
    public void Deserialize_DocumentedSampleUnderTwoTimeZones_GivesTheSameInstants()
    {
        var body = RepositoryFiles.ReadDocumentedSample();

        var (tokyoOffset, tokyo) = ReadUnder("Asia/Tokyo", body);
        var (losAngelesOffset, losAngeles) = ReadUnder("America/Los_Angeles", body);

        // The machine's zone really changed between the two reads, so the comparison below means something.
        Assert.NotEqual(tokyoOffset, losAngelesOffset);
        Assert.Equal(tokyo, losAngeles);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 10, 0, 0, TimeSpan.Zero), tokyo.Started);
        Assert.Equal(new DateTimeOffset(2017, 7, 25, 10, 10, 0, TimeSpan.Zero), tokyo.Completed);
    }

    private static (TimeSpan LocalOffset, (DateTimeOffset? Started, DateTimeOffset? Completed) Times) ReadUnder(string zone, string body)
    {
        var previous = Environment.GetEnvironmentVariable("TZ");
        try
        {
            Environment.SetEnvironmentVariable("TZ", zone);
            TimeZoneInfo.ClearCachedData();
            var details = JsonSerializer.Deserialize<BatchUploadDetails>(body, BatchStatusJson.Options)!;
            return (TimeZoneInfo.Local.GetUtcOffset(new DateTime(2017, 7, 25)), (details.StartedTime, details.CompletedTime));
        }
        finally
        {
            Environment.SetEnvironmentVariable("TZ", previous);
            TimeZoneInfo.ClearCachedData();
        }
    }
}

/// <summary>Tests that change the process's time zone run alone.</summary>
[CollectionDefinition(nameof(ProcessTimeZoneCollection), DisableParallelization = true)]
public sealed class ProcessTimeZoneCollection;
