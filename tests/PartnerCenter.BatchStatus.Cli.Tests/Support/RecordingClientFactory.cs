using System.Text.Json;
using PartnerCenter.BatchStatus.Cli;
using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Serialization;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>
/// A client factory that records the settings it was given and answers every call with the documented sample, read
/// from the contract's example file: for tests of what the command line asks for, not of the service.
/// </summary>
internal sealed class RecordingClientFactory : IBatchClientFactory, IBatchStatusClient
{
    public List<ConnectionSettings> Requests { get; } = [];

    public ConnectionSettings Settings => Assert.Single(Requests);

    public BatchClientConnection Create(ConnectionSettings settings, CliEnvironment environment)
    {
        Requests.Add(settings);
        return new BatchClientConnection(this);
    }

    public Task<BatchUploadDetails> GetBatchJobStatusAsync(Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken = default) =>
        Task.FromResult(JsonSerializer.Deserialize<BatchUploadDetails>(File.ReadAllText(RepositoryFiles.DocumentedSample), BatchStatusJson.BatchUploadDetails.Options)!);
}
