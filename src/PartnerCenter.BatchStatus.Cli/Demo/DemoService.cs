using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Demo;

/// <summary>
/// The demo's fake Partner Center: the testing kit's in-process transport, in place of the network. It serves the
/// documented sample, and a batch that moves from queued to processing to finished_with_errors, one poll at a time.
/// The client is the real one, built with a credential that hands out a fake token, so that the whole pipeline runs:
/// ids, headers, authorization, retries, timeouts, error mapping. Nothing leaves the process.
/// </summary>
internal static class DemoService
{
    /// <summary>The token the demo's credential hands out.</summary>
    public const string DemoToken = "pcbatch-demo-token";

    /// <summary>The device of the documented sample, which the moving batch holds too.</summary>
    private const string SampleSerialNumber = "1234567890";

    private const string SampleProductKey = "12345-67890-09876-54321-13579";

    /// <summary>Makes a client over the fake service.</summary>
    /// <param name="environment">The process environment: its clock drives the client's retries.</param>
    /// <returns>The client.</returns>
    public static BatchClientConnection Start(CliEnvironment environment)
    {
        var transport = new FakePartnerCenterTransport();
        transport.AddDocumentedSample();
        transport.AddBatch(DemoIds.CustomerId, DemoIds.MovingBatchTrackingId)
            .ThenQueued([.. FinalDevices().Select(device => FakeDevice.Queued(device.SerialNumber, device.ProductKey))])
            .ThenProcessing([.. FinalDevices().Select(device => FakeDevice.Processing(device.SerialNumber, device.ProductKey))])
            .ThenFinishedWithErrors(FinalDevices());

        var options = new BatchStatusClientOptions
        {
            ApplicationName = PartnerCenterClientFactory.ApplicationName,
            TimeProvider = environment.TimeProvider,
            Transport = transport,

            // The demo's polls are its own, on no real service: no request budget slows them down.
            MaxRequestsPerSecond = 0,
        };
        var client = new BatchStatusClient(new FakeTokenCredential(DemoToken), options);
        return new BatchClientConnection(client, client, transport);
    }

    /// <summary>
    /// The moving batch's devices once it is finished: one of each kind a partner meets, by what to do next. They are
    /// the devices of <c>Demo/demo-upload.csv</c>, the upload file of the README's export example.
    /// </summary>
    private static FakeDevice[] FinalDevices() =>
    [
        FakeDevice.Failed(SampleSerialNumber, "808", "ZtdDeviceAssignedToOtherTenant", SampleProductKey), // chase the owner
        FakeDevice.Finished("5CD1234XYZ", "54321-09876-67890-12345-97531"), // registered
        FakeDevice.Failed("PF3A9QK2", "802", "InvalidZtdHardwareHash"), // fix the data
        FakeDevice.Failed("CND0413XQ7", "801", "InvalidZtdRequestBody", "33210-45678-90123-45678-24680"), // upload again
        FakeDevice.Failed("R90XK3TB", "640", "StorageError", "98765-43210-12345-67890-11223"), // upload again
        FakeDevice.Failed("MXL2044B1K", "806", "ZtdDeviceAlreadyAssigned", deviceId: Guid.Parse("6f1c2a4e-8b3d-4e5f-9a7b-1c2d3e4f5a6b")), // nothing to do
        FakeDevice.Failed("JH8Q2R4", null, "ZtdDeviceDuplicated"), // an error without a number: fix the data
        FakeDevice.Failed("2TK7Y63", "999", "A new error the catalog does not know"), // unknown
    ];
}
