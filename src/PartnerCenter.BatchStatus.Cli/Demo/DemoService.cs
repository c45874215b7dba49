using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Demo;

/// <summary>
/// The demo's embedded fake Partner Center (the testing kit's, on 127.0.0.1): the documented sample, and a batch that
/// moves from queued to processing to finished_with_errors, one poll at a time. The client is the real one, built with
/// a credential (the kit's fake one) so that the whole pipeline runs: authorization, headers, retries, timeouts.
/// </summary>
internal static class DemoService
{
    /// <summary>The device of the documented sample, which the moving batch holds too.</summary>
    private const string SampleSerialNumber = "1234567890";

    private const string SampleProductKey = "12345-67890-09876-54321-13579";

    /// <summary>Starts the fake service and makes a client for it.</summary>
    /// <param name="environment">The process environment: its clock drives the client's retries.</param>
    /// <returns>The client, owning the fake service (which disposes the client with it).</returns>
    public static BatchClientConnection Start(CliEnvironment environment)
    {
        var fake = FakePartnerCenter.Start();
        try
        {
            fake.AddDocumentedSample();
            fake.AddBatch(DemoIds.CustomerId, DemoIds.MovingBatchTrackingId)
                .ThenQueued(Devices(DeviceUploadStatus.Queued))
                .ThenProcessing(Devices(DeviceUploadStatus.Processing))
                .ThenFinishedWithErrors(
                    new FakeDevice(SampleSerialNumber)
                    {
                        ProductKey = SampleProductKey,
                        Status = DeviceUploadStatus.FinishedWithErrors.ToWireValue(),
                        ErrorCode = "808",
                        ErrorDescription = "ZtdDeviceAssignedToOtherTenant",
                    },
                    new FakeDevice("5CD1234XYZ") { ProductKey = "54321-09876-67890-12345-97531" },
                    new FakeDevice("PF3A9QK2") { Status = DeviceUploadStatus.FinishedWithErrors.ToWireValue(), ErrorCode = "802", ErrorDescription = "InvalidZtdHardwareHash" });

            var client = fake.CreateClient(options =>
            {
                options.ApplicationName = PartnerCenterClientFactory.ApplicationName;
                options.TimeProvider = environment.TimeProvider;
            });
            return new BatchClientConnection(client, fake);
        }
        catch
        {
            fake.Dispose();
            throw;
        }
    }

    private static FakeDevice[] Devices(DeviceUploadStatus status) =>
    [
        new FakeDevice(SampleSerialNumber) { ProductKey = SampleProductKey, Status = status.ToWireValue() },
        new FakeDevice("5CD1234XYZ") { ProductKey = "54321-09876-67890-12345-97531", Status = status.ToWireValue() },
        new FakeDevice("PF3A9QK2") { Status = status.ToWireValue() },
    ];
}
