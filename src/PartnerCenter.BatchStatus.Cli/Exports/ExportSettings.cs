namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>Which files <c>pcbatch status</c> or <c>pcbatch watch</c> writes besides its report, checked.</summary>
internal sealed record ExportSettings
{
    /// <summary>Gets no export at all.</summary>
    public static ExportSettings None { get; } = new();

    /// <summary>Gets the path of <c>--failed-csv</c>, as given, or <see langword="null"/>.</summary>
    public string? FailedCsvPath { get; init; }

    /// <summary>Gets the partner's upload files of <c>--reupload-from</c>, already read, in the order their rows are taken; empty when none.</summary>
    public IReadOnlyList<UploadFile> ReuploadFrom { get; init; } = [];

    /// <summary>Gets the path of <c>--reupload-csv</c>, as given; set exactly when <see cref="ReuploadFrom"/> is not empty.</summary>
    public string? ReuploadCsvPath { get; init; }

    /// <summary>Gets a value indicating whether the files are for many batches: the failed devices then start with the customer and batch.</summary>
    public bool ManyBatches { get; init; }

    /// <summary>Gets a value indicating whether any file is to be written.</summary>
    public bool Any => FailedCsvPath is not null || ReuploadCsvPath is not null;
}
