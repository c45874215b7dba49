namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>Why a row of the upload file is not in the re-upload file. The order is the order of the summary.</summary>
internal enum LeftOutReason
{
    /// <summary>The device was registered: <c>finished</c> without error.</summary>
    Registered,

    /// <summary>The device failed because it is already registered (806, 814): nothing to do.</summary>
    AlreadyRegistered,

    /// <summary>The device's data must be fixed before it is uploaded again.</summary>
    FixData,

    /// <summary>Another tenant holds the device: its owner must be chased first.</summary>
    Ownership,

    /// <summary>The device failed with an error the catalog does not know: look at it before uploading it again.</summary>
    UnknownError,

    /// <summary>The device is not finished yet (<c>queued</c>, <c>processing</c>) or its status is unknown.</summary>
    NotFinished,

    /// <summary>No device of the result matches the row.</summary>
    NotInResult,

    /// <summary>The row repeats the device of an earlier row, which stands for both.</summary>
    Duplicate,
}
