using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Waiting;

public sealed class BatchWaitOptionsTests
{
    [Fact]
    public void Constructor_Defaults_AreTheDocumentedOnes()
    {
        var options = new BatchWaitOptions();

        Assert.Equal(TimeSpan.FromSeconds(5), options.FirstDelay);
        Assert.Equal(2.0, options.BackoffFactor);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxInterval);
        Assert.Equal(TimeSpan.FromMinutes(30), options.MaxTotalWait);
        Assert.Same(TimeProvider.System, options.TimeProvider);
    }

    public static TheoryData<string, Action<BatchWaitOptions>> InvalidOptions => new()
    {
        { nameof(BatchWaitOptions.FirstDelay), options => options.FirstDelay = TimeSpan.Zero },
        { nameof(BatchWaitOptions.FirstDelay), options => options.FirstDelay = TimeSpan.FromSeconds(-1) },
        { nameof(BatchWaitOptions.FirstDelay), options => options.FirstDelay = TimeSpan.FromSeconds(61) },
        { nameof(BatchWaitOptions.BackoffFactor), options => options.BackoffFactor = 0.5 },
        { nameof(BatchWaitOptions.BackoffFactor), options => options.BackoffFactor = 11 },
        { nameof(BatchWaitOptions.BackoffFactor), options => options.BackoffFactor = double.NaN },
        { nameof(BatchWaitOptions.MaxInterval), options => options.MaxInterval = TimeSpan.Zero },
        { nameof(BatchWaitOptions.MaxInterval), options => options.MaxInterval = TimeSpan.FromDays(2) },
        { nameof(BatchWaitOptions.MaxTotalWait), options => options.MaxTotalWait = TimeSpan.Zero },
        { nameof(BatchWaitOptions.MaxTotalWait), options => options.MaxTotalWait = TimeSpan.FromSeconds(-5) },
        { nameof(BatchWaitOptions.TimeProvider), options => options.TimeProvider = null! },
    };

    [Theory]
    [MemberData(nameof(InvalidOptions))]
    public void WaitForCompletionAsync_InvalidOption_ThrowsArgumentOutOfRangeNamingIt(string property, Action<BatchWaitOptions> change)
    {
        var options = new BatchWaitOptions();
        change(options);
        var client = new ScriptedBatchStatusClient(new RecordingClock(), ScriptedBatchStatusClient.Answer(BatchDetailsFactory.Batch("finished")));

        // Thrown by the call itself, not by the task it returns.
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(property, () => { _ = client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, options); });

        Assert.Contains("BatchWaitOptions." + property, thrown.Message, StringComparison.Ordinal);
        Assert.Empty(client.Polls);
    }

    [Fact]
    public async Task WaitForCompletionAsync_OptionsChangedDuringTheWait_KeepsTheValuesItStartedWith()
    {
        var time = new RecordingClock();
        var client = new ScriptedBatchStatusClient(
            time,
            ScriptedBatchStatusClient.Answer(BatchDetailsFactory.Batch("processing")),
            ScriptedBatchStatusClient.Answer(BatchDetailsFactory.Batch("processing")),
            ScriptedBatchStatusClient.Answer(BatchDetailsFactory.Batch("finished")));
        var options = new BatchWaitOptions { TimeProvider = time };

        var wait = client.WaitForCompletionAsync(DocumentedIds.CustomerId, DocumentedIds.BatchTrackingId, options);
        options.FirstDelay = TimeSpan.FromSeconds(1);
        options.BackoffFactor = 1;
        await time.RunAsync(wait);

        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)], client.PollTimes);
    }
}
