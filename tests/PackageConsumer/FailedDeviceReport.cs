using PartnerCenter.BatchStatus;

namespace PackageConsumer;

/// <summary>What a downstream team writes: poll a batch until it finished, then list the devices that failed.</summary>
public static class FailedDeviceReport
{
    public static async Task<IReadOnlyList<string>> WaitAndListFailuresAsync(
        IBatchStatusClient client, Guid customerId, Guid batchTrackingId, int maxPolls, CancellationToken cancellationToken = default)
    {
        for (var poll = 0; poll < maxPolls; poll++)
        {
            var details = await client.GetBatchJobStatusAsync(customerId, batchTrackingId, cancellationToken);
            if (details.IsCompleted())
            {
                return [.. (details.DevicesStatus ?? [])
                    .Where(d => d.Status != DeviceUploadStatus.Finished)
                    .Select(d => $"{d.SerialNumber}: {d.ErrorCode} {d.ErrorDescription}")];
            }
        }

        throw new TimeoutException($"The batch did not finish in {maxPolls} polls.");
    }
}
