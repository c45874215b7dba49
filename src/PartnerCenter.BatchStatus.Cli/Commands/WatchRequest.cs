using PartnerCenter.BatchStatus.Cli.Connection;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>What <c>pcbatch watch</c> was asked to do, once the command line and the list of batches were read and checked.</summary>
internal sealed class WatchRequest
{
    /// <summary>Gets the batches, in the order of the list.</summary>
    public required IReadOnlyList<BatchTrackingLocation> Batches { get; init; }

    /// <summary>Gets a value indicating whether to write one JSON line per finished batch instead of the report.</summary>
    public bool Json { get; init; }

    /// <summary>Gets how each batch is polled.</summary>
    public required WaitSettings Wait { get; init; }

    /// <summary>Gets the endpoint and sign-in.</summary>
    public required ConnectionSettings Connection { get; init; }
}
