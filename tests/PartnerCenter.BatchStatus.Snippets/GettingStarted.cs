using Azure.Identity;
using PartnerCenter.BatchStatus;

namespace Contoso.Onboarding;

/// <summary>The code of the README's Getting started and Examples; each method is run by <see cref="GettingStartedTests"/>.</summary>
internal static class GettingStarted
{
    public static BatchStatusClient CreateClient()
    {
        #region Snippet:CreateClient
        // App-only sign-in: DefaultAzureCredential reads AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET.
        var client = new BatchStatusClient(
            new DefaultAzureCredential(),
            new BatchStatusClientOptions { ApplicationName = "Contoso device onboarding" });
        #endregion
        return client;
    }

    public static async Task<BatchUploadDetails> GetStatusAsync(BatchStatusClient client)
    {
        #region Snippet:GetStatus
        var customerId = Guid.Parse("47021739-3426-40bf-9601-61b4b6d7c793");
        var batchTrackingId = Guid.Parse("0127ed8e-ff72-4983-a3d8-e8d8bd378932");

        BatchUploadDetails details = await client.GetBatchJobStatusAsync(customerId, batchTrackingId);
        Console.WriteLine($"Batch {details.BatchTrackingId}: {details.Status}");
        #endregion
        return details;
    }

    public static async Task<IReadOnlyList<FailedDevice>> WaitForCompletionAsync(BatchStatusClient client, Guid customerId, Guid batchTrackingId)
    {
        #region Snippet:WaitForCompletion
        // Polls, with pauses that grow, until the batch is finished (or finished with errors).
        BatchUploadDetails details = await client.WaitForCompletionAsync(customerId, batchTrackingId);

        // A finished batch can still hold failed devices: always look at them.
        IReadOnlyList<FailedDevice> failedDevices = details.GetFailedDevices();
        foreach (FailedDevice failed in failedDevices)
        {
            Console.WriteLine($"{failed.Device.SerialNumber}: {failed.Device.ErrorCode} {failed.Error?.Name}. {failed.Error?.Remedy}");
        }
        #endregion
        return failedDevices;
    }

    public static async Task WaitForAllAsync(BatchStatusClient client, IEnumerable<BatchTrackingLocation> batches)
    {
        #region Snippet:WaitForAll
        // One budget of requests for every batch; each outcome comes as soon as it is known.
        await foreach (BatchWaitResult result in client.WaitForAllAsync(batches))
        {
            Console.WriteLine(result.Completed
                ? $"{result.Batch.BatchTrackingId}: {result.Details!.GetFailedDevices().Count} failed devices"
                : $"{result.Batch.BatchTrackingId}: {result.Exception!.Message}");
        }
        #endregion
    }

    public static async Task HandleErrorsAsync(BatchStatusClient client, Guid customerId, Guid batchTrackingId)
    {
        #region Snippet:HandleErrors
        try
        {
            BatchUploadDetails details = await client.GetBatchJobStatusAsync(customerId, batchTrackingId);
            Console.WriteLine($"Batch {details.BatchTrackingId}: {details.Status}");
        }
        catch (PartnerCenterApiException e) when (e.StatusCode == 404)
        {
            // Check that the batch belongs to this customer; quote the request id to Microsoft support.
            Console.WriteLine($"No such batch for this customer (request id {e.RequestId}).");
        }
        #endregion
    }
}
