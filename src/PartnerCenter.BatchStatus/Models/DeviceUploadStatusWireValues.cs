namespace PartnerCenter.BatchStatus;

/// <summary>
/// Maps <see cref="DeviceUploadStatus"/> to and from the values Partner Center sends on the wire.
/// </summary>
public static class DeviceUploadStatusWireValues
{
    /// <summary>Gets the wire value of a known status, such as <c>finished_with_errors</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>The lower snake case value the service uses.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="status"/> is not a defined value.</exception>
    public static string ToWireValue(this DeviceUploadStatus status) => status switch
    {
        DeviceUploadStatus.Unknown => "unknown",
        DeviceUploadStatus.Queued => "queued",
        DeviceUploadStatus.Processing => "processing",
        DeviceUploadStatus.Finished => "finished",
        DeviceUploadStatus.FinishedWithErrors => "finished_with_errors",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a defined DeviceUploadStatus value."),
    };

    /// <summary>
    /// Reads a wire value. Values the contract does not list (the service may add some) map to
    /// <see cref="DeviceUploadStatus.Unknown"/> instead of failing; the caller keeps the raw value.
    /// </summary>
    /// <param name="value">The value as the service sent it; matched without regard to case.</param>
    /// <returns>The status, or <see langword="null"/> when <paramref name="value"/> is <see langword="null"/>.</returns>
    public static DeviceUploadStatus? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        return TryParse(value, out var status) ? status : DeviceUploadStatus.Unknown;
    }

    /// <summary>Reads a wire value that the contract lists.</summary>
    /// <param name="value">The value as the service sent it; matched without regard to case.</param>
    /// <param name="status">The status, when the value is known.</param>
    /// <returns><see langword="true"/> when the contract lists <paramref name="value"/>.</returns>
    public static bool TryParse(string? value, out DeviceUploadStatus status)
    {
        foreach (var known in KnownStatuses)
        {
            if (string.Equals(value, known.ToWireValue(), StringComparison.OrdinalIgnoreCase))
            {
                status = known;
                return true;
            }
        }

        status = DeviceUploadStatus.Unknown;
        return false;
    }

    private static readonly DeviceUploadStatus[] KnownStatuses =
    [
        DeviceUploadStatus.Unknown,
        DeviceUploadStatus.Queued,
        DeviceUploadStatus.Processing,
        DeviceUploadStatus.Finished,
        DeviceUploadStatus.FinishedWithErrors,
    ];
}
