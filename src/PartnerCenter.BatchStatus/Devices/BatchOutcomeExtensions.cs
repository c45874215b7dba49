using System.Globalization;
using System.Text;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// Tells what became of the devices of a batch: which succeeded, which failed and why, which are still pending,
/// and all of it in one line.
/// </summary>
/// <remarks>
/// A batch's own status does not tell whether its devices succeeded: Partner Center documents a <c>finished</c>
/// batch whose only device is <c>finished_with_errors</c>. These helpers always look at every device.
/// A device counts as failed when its status is <c>finished_with_errors</c> or when it carries an error code
/// whatever its status (see <see cref="DeviceOutcome"/>).
/// </remarks>
public static class BatchOutcomeExtensions
{
    /// <summary>How much of a service's error description a summary quotes, for a code the catalog does not know.</summary>
    private const int MaxQuotedDescriptionLength = 64;

    /// <summary>
    /// Gets a value indicating whether the batch has reached a final status, <c>finished</c> or
    /// <c>finished_with_errors</c>. An absent status, <c>unknown</c> and values the contract does not list are not final.
    /// </summary>
    /// <param name="details">The batch.</param>
    /// <returns><see langword="true"/> when Partner Center will not change the batch any more.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is <see langword="null"/>.</exception>
    public static bool IsCompleted(this BatchUploadDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);
        DeviceUploadStatus status = details.Status;
        return status == DeviceUploadStatus.Finished || status == DeviceUploadStatus.FinishedWithErrors;
    }

    /// <summary>Classifies one device: succeeded, failed, pending or unknown.</summary>
    /// <param name="device">The device.</param>
    /// <returns>
    /// <see cref="DeviceOutcome.Failed"/> when the device is <c>finished_with_errors</c> or carries an error code;
    /// otherwise <see cref="DeviceOutcome.Succeeded"/> for <c>finished</c>, <see cref="DeviceOutcome.Pending"/> for
    /// <c>queued</c> and <c>processing</c>, and <see cref="DeviceOutcome.Unknown"/> for anything else.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="device"/> is <see langword="null"/>.</exception>
    public static DeviceOutcome GetOutcome(this DeviceUploadDetails device)
    {
        ArgumentNullException.ThrowIfNull(device);
        DeviceUploadStatus status = device.Status;
        return status == DeviceUploadStatus.FinishedWithErrors || !string.IsNullOrWhiteSpace(device.ErrorCode) ? DeviceOutcome.Failed
            : status == DeviceUploadStatus.Finished ? DeviceOutcome.Succeeded
            : status == DeviceUploadStatus.Queued || status == DeviceUploadStatus.Processing ? DeviceOutcome.Pending
            : DeviceOutcome.Unknown;
    }

    /// <summary>
    /// Looks up the device's error in <see cref="DeviceErrorCatalog"/>: by its error code, or by its error description
    /// (the error's name) when the code is absent or unknown.
    /// </summary>
    /// <param name="device">The device.</param>
    /// <returns>The catalog's entry, or <see langword="null"/> when the catalog knows neither the device's error code nor its name.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="device"/> is <see langword="null"/>.</exception>
    public static DeviceError? GetError(this DeviceUploadDetails device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return DeviceErrorCatalog.Find(device.ErrorCode, device.ErrorDescription);
    }

    /// <summary>Gets the devices with an outcome, in the order the service listed them.</summary>
    /// <param name="details">The batch.</param>
    /// <param name="outcome">The outcome, as <see cref="GetOutcome(DeviceUploadDetails)"/> classifies devices.</param>
    /// <returns>The devices; empty when there are none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<DeviceUploadDetails> GetDevices(this BatchUploadDetails details, DeviceOutcome outcome) =>
        Devices(details).Where(device => device.GetOutcome() == outcome).ToArray();

    /// <summary>
    /// Gets the devices that failed (<c>finished_with_errors</c>, or carrying an error code), each with the catalog's
    /// entry for its error (see <see cref="GetError(DeviceUploadDetails)"/>). Look at them even when the batch itself is <c>finished</c>.
    /// </summary>
    /// <param name="details">The batch.</param>
    /// <returns>The failed devices, in the order the service listed them; empty when there are none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is <see langword="null"/>.</exception>
    public static IReadOnlyList<FailedDevice> GetFailedDevices(this BatchUploadDetails details) =>
        details.GetDevices(DeviceOutcome.Failed).Select(device => new FailedDevice(device, device.GetError())).ToArray();

    /// <summary>
    /// Summarises the devices in one line, such as
    /// <c>1 device: 0 succeeded, 1 failed (808 ZtdDeviceAssignedToOtherTenant ×1)</c>.
    /// </summary>
    /// <remarks>
    /// The line always names the number of devices and how many succeeded and failed. The failures are grouped by
    /// error, most frequent first (then by label): the catalog's code and name of a known error (its name alone for an
    /// error without a number, such as <c>ZtdDeviceDuplicated</c>), the code and the service's error description (at
    /// most 64 characters) of an unknown one, <c>no error code</c> for a failed device with neither.
    /// <c>, n pending</c> and <c>, n with unknown status</c> follow only when there are such devices.
    /// </remarks>
    /// <param name="details">The batch.</param>
    /// <returns>The summary, such as <c>3 devices: 1 succeeded, 1 failed (802 InvalidZtdHardwareHash ×1), 1 pending</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="details"/> is <see langword="null"/>.</exception>
    public static string Summarize(this BatchUploadDetails details)
    {
        var devices = Devices(details).ToArray();
        var byOutcome = devices.GroupBy(device => device.GetOutcome()).ToDictionary(group => group.Key, group => group.Count());
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{devices.Length} device{(devices.Length == 1 ? string.Empty : "s")}: ")
            .Append(CultureInfo.InvariantCulture, $"{byOutcome.GetValueOrDefault(DeviceOutcome.Succeeded)} succeeded, ")
            .Append(CultureInfo.InvariantCulture, $"{byOutcome.GetValueOrDefault(DeviceOutcome.Failed)} failed");

        var failures = devices
            .Where(device => device.GetOutcome() == DeviceOutcome.Failed)
            .GroupBy(GroupKey)
            .Select(group => (Label: Label(group.Key, group.First()), Count: group.Count()))
            .OrderByDescending(failure => failure.Count)
            .ThenBy(failure => failure.Label, StringComparer.Ordinal)
            .ToArray();
        if (failures.Length > 0)
        {
            text.Append(" (")
                .AppendJoin(", ", failures.Select(failure => string.Create(CultureInfo.InvariantCulture, $"{failure.Label} ×{failure.Count}")))
                .Append(')');
        }

        if (byOutcome.GetValueOrDefault(DeviceOutcome.Pending) is > 0 and var pending)
        {
            text.Append(CultureInfo.InvariantCulture, $", {pending} pending");
        }

        if (byOutcome.GetValueOrDefault(DeviceOutcome.Unknown) is > 0 and var unknown)
        {
            text.Append(CultureInfo.InvariantCulture, $", {unknown} with unknown status");
        }

        return text.ToString();
    }

    private static IEnumerable<DeviceUploadDetails> Devices(BatchUploadDetails details)
    {
        ArgumentNullException.ThrowIfNull(details);

        // A null entry in the list (a "null" in the JSON array) is no device.
        return details.DevicesStatus?.Where(device => device is not null) ?? [];
    }

    /// <summary>Groups failures by the catalog's entry when it knows the error, else by the code as sent.</summary>
    private static string? GroupKey(DeviceUploadDetails device) =>
        device.GetError() is { } entry ? entry.ToString() : device.ErrorCode?.Trim() is { Length: > 0 } code ? code : null;

    private static string Label(string? key, DeviceUploadDetails firstDevice)
    {
        if (key is null)
        {
            return "no error code";
        }

        if (firstDevice.GetError() is { } entry)
        {
            return entry.ToString();
        }

        var code = key;
        var description = firstDevice.ErrorDescription?.Trim();
        if (string.IsNullOrEmpty(description))
        {
            return code;
        }

        // The description of an unknown code is the service's text: keep the line one short line.
        var quoted = new string(description.Take(MaxQuotedDescriptionLength).Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return code + " " + quoted + (description.Length > MaxQuotedDescriptionLength ? "…" : string.Empty);
    }
}
