namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// An attempt was not sent: an earlier throttled answer paused the client until <see cref="Until"/>, at or after the
/// call's deadline. Mapped to <see cref="PartnerCenterApiException"/> (429) once, where the call ends.
/// </summary>
internal sealed class ClientPausedException(DateTimeOffset until)
    : Exception("The client is paused by an earlier throttled answer.")
{
    public DateTimeOffset Until { get; } = until;
}
