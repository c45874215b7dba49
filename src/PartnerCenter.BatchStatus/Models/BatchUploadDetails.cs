namespace PartnerCenter.BatchStatus;

public partial class BatchUploadDetails
{
    private WireStatus _wireStatus;

    /// <summary>
    /// Gets the batch's status exactly as the service sent it, such as <c>finished</c>, including values the
    /// contract does not list (for which <see cref="Status"/> is <see cref="DeviceUploadStatus.Unknown"/>).
    /// For an object built in code, the wire value of <see cref="Status"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? RawStatus => _wireStatus.Get(Status);

    /// <summary>
    /// Gets what Partner Center said about the call that returned these details besides the models: request and
    /// correlation ids, <c>Retry-After</c> and other headers, the body as received and the paths of its values that
    /// were not read (<see cref="PartnerCenterResponseInfo.UnreadValues"/>). <see langword="null"/> for details not read
    /// from a response (built in code, or read from saved JSON with <see cref="Serialization.BatchStatusJson"/>, which
    /// reads with the same tolerance but reports nothing: save <see cref="PartnerCenterResponseInfo.Content"/> to keep a
    /// body as it came).
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public PartnerCenterResponseInfo? Response { get; set; }

    internal void SetRawStatus(string? value) => Status = _wireStatus.Read(value);
}
