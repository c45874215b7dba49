namespace PartnerCenter.BatchStatus.Testing;

/// <summary>The statuses the contract lists, as the service sends them: the one place the kit spells them.</summary>
internal static class StatusValues
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Finished = "finished";
    public const string FinishedWithErrors = "finished_with_errors";

    /// <summary>Whether a batch in <paramref name="status"/> reports a <c>completedTime</c>.</summary>
    public static bool IsFinished(string status) => status is Finished or FinishedWithErrors;
}
