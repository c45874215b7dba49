namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>The export files of a run, reserved before Partner Center is called; disposing removes what was not written.</summary>
internal sealed class ReservedExports : IDisposable
{
    /// <summary>Gets or sets the file of <c>--failed-csv</c>, or <see langword="null"/>.</summary>
    public ExportFile? FailedCsv { get; set; }

    /// <summary>Gets or sets the file of <c>--reupload-csv</c>, or <see langword="null"/>.</summary>
    public ExportFile? ReuploadCsv { get; set; }

    /// <inheritdoc/>
    public void Dispose()
    {
        FailedCsv?.Dispose();
        ReuploadCsv?.Dispose();
    }
}
