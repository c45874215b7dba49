namespace PartnerCenter.BatchStatus;

/// <summary>How one device of a batch fared, as <see cref="BatchOutcomeExtensions.GetOutcome(DeviceUploadDetails)"/> classifies it.</summary>
public enum DeviceOutcome
{
    /// <summary>The device's status is neither known nor telling (absent, <c>unknown</c>, or a value the contract does not list) and it carries no error code.</summary>
    Unknown = 0,

    /// <summary>The device is <c>queued</c> or <c>processing</c> and carries no error code yet.</summary>
    Pending = 1,

    /// <summary>The device is <c>finished</c> and carries no error code.</summary>
    Succeeded = 2,

    /// <summary>The device is <c>finished_with_errors</c>, or carries an error code whatever its status.</summary>
    Failed = 3,
}
