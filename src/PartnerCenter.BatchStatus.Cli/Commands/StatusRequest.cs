using PartnerCenter.BatchStatus.Cli.Connection;
using PartnerCenter.BatchStatus.Cli.Exports;

namespace PartnerCenter.BatchStatus.Cli.Commands;

/// <summary>What <c>pcbatch status</c> was asked to do, checked.</summary>
internal sealed record StatusRequest
{
    /// <summary>Gets the customer id and batch tracking id.</summary>
    public required BatchTrackingLocation Batch { get; init; }

    /// <summary>Gets how to wait, or <see langword="null"/> to read the status once.</summary>
    public WaitSettings? Wait { get; init; }

    /// <summary>Gets a value indicating whether the details are written as JSON instead of a report.</summary>
    public bool Json { get; init; }

    /// <summary>Gets the <c>MS-CorrelationId</c> to send, or <see langword="null"/> for a new one.</summary>
    public Guid? CorrelationId { get; init; }

    /// <summary>Gets the files to write besides the report.</summary>
    public ExportSettings Exports { get; init; } = ExportSettings.None;

    /// <summary>Gets the endpoint and sign-in.</summary>
    public required ConnectionSettings Connection { get; init; }
}
