namespace PartnerCenter.BatchStatus;

public partial class DeviceUploadDetails
{
    private WireStatus _wireStatus;

    /// <summary>
    /// Gets the device's status exactly as the service sent it, such as <c>finished_with_errors</c>, including
    /// values the contract does not list (for which <see cref="Status"/> is <see cref="DeviceUploadStatus.Unknown"/>).
    /// For an object built in code, the wire value of <see cref="Status"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? RawStatus => _wireStatus.Get(Status);

    internal void SetRawStatus(string? value) => Status = _wireStatus.Read(value);
}
