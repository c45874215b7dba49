namespace PartnerCenter.BatchStatus;

/// <summary>
/// Keeps a status's raw wire value beside the parsed one, so that a value the contract does not list
/// is never lost and round-trips unchanged.
/// </summary>
internal struct WireStatus
{
    private string? _raw;
    private DeviceUploadStatus? _parsedFromRaw;

    /// <summary>Records what the service sent and returns the parsed status.</summary>
    public DeviceUploadStatus? Read(string? raw)
    {
        _raw = raw;
        _parsedFromRaw = DeviceUploadStatusWireValues.Parse(raw);
        return _parsedFromRaw;
    }

    /// <summary>
    /// The raw value while <paramref name="current"/> is still what was parsed from it; once code has
    /// changed the status, the wire value of the new status.
    /// </summary>
    public readonly string? Get(DeviceUploadStatus? current)
    {
        if (_raw is not null && current == _parsedFromRaw)
        {
            return _raw;
        }

        return current?.ToWireValue();
    }
}
