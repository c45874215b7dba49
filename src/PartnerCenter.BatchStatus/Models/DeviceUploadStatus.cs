using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerCenter.BatchStatus;

/// <summary>
/// The status of a batch or of one device, as <see cref="BatchUploadDetails.Status"/> and
/// <see cref="DeviceUploadDetails.Status"/> carry it. Extensible: it can hold any value the service sends, the known ones
/// are its static properties, and two statuses are equal when their values are, ignoring case. Compare a model's status
/// with one of them (<c>details.Status == DeviceUploadStatus.Finished</c>); the text converts implicitly.
/// </summary>
[JsonConverter(typeof(Converter))]
public readonly struct DeviceUploadStatus : IEquatable<DeviceUploadStatus>
{
    private readonly string? _value;

    /// <summary>Creates a status from its wire value, such as <c>finished_with_errors</c>, known or not.</summary>
    /// <param name="value">The wire value; <see langword="null"/> for no status.</param>
    public DeviceUploadStatus(string? value) => _value = value;

    /// <summary>Gets <c>unknown</c>: the service knows no status.</summary>
    public static DeviceUploadStatus Unknown { get; } = new("unknown");

    /// <summary>Gets <c>queued</c>: waiting to be processed.</summary>
    public static DeviceUploadStatus Queued { get; } = new("queued");

    /// <summary>Gets <c>processing</c>: being processed.</summary>
    public static DeviceUploadStatus Processing { get; } = new("processing");

    /// <summary>Gets <c>finished</c>: processing is over. A finished batch can still hold failed devices.</summary>
    public static DeviceUploadStatus Finished { get; } = new("finished");

    /// <summary>Gets <c>finished_with_errors</c>: processing is over with errors; the device's error code says which.</summary>
    public static DeviceUploadStatus FinishedWithErrors { get; } = new("finished_with_errors");

    /// <summary>Compares two statuses by value, ignoring case.</summary>
    /// <param name="left">A status.</param>
    /// <param name="right">Another status.</param>
    /// <returns><see langword="true"/> when the values are equal.</returns>
    public static bool operator ==(DeviceUploadStatus left, DeviceUploadStatus right) => left.Equals(right);

    /// <summary>Compares two statuses by value, ignoring case.</summary>
    /// <param name="left">A status.</param>
    /// <param name="right">Another status.</param>
    /// <returns><see langword="true"/> when the values differ.</returns>
    public static bool operator !=(DeviceUploadStatus left, DeviceUploadStatus right) => !left.Equals(right);

    /// <summary>Converts a wire value to a status.</summary>
    /// <param name="value">The wire value, or <see langword="null"/>.</param>
    public static implicit operator DeviceUploadStatus(string? value) => new(value);

    /// <inheritdoc/>
    public bool Equals(DeviceUploadStatus other) => string.Equals(_value, other._value, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DeviceUploadStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => _value is null ? 0 : StringComparer.OrdinalIgnoreCase.GetHashCode(_value);

    /// <summary>Gets the wire value, such as <c>finished_with_errors</c>; empty for no status.</summary>
    /// <returns>The value as sent or given.</returns>
    public override string ToString() => _value ?? "";

    private sealed class Converter : JsonConverter<DeviceUploadStatus>
    {
        public override DeviceUploadStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetString());

        public override void Write(Utf8JsonWriter writer, DeviceUploadStatus value, JsonSerializerOptions options) => writer.WriteStringValue(value._value);
    }
}
