namespace PartnerCenter.BatchStatus.Cli.Exports;

/// <summary>What to do next with a failed device, in the few words the exports and their summaries use.</summary>
internal static class NextStep
{
    /// <summary>Names what to do next with a device of this nature.</summary>
    /// <param name="nature">The nature of the device's error, <see cref="FailedDevice.Nature"/>.</param>
    /// <returns>Such as <c>upload again</c>; short, so that a spreadsheet can filter on it.</returns>
    public static string Of(DeviceErrorNature nature) => nature switch
    {
        DeviceErrorNature.Transient => "upload again",
        DeviceErrorNature.FixData => "fix the data, then upload again",
        DeviceErrorNature.Ownership => "chase the owner",
        DeviceErrorNature.AlreadyDone => "nothing to do",
        _ => "unknown: check the error",
    };

    /// <summary>The remedy of a device whose error the catalog does not know.</summary>
    public const string UnknownRemedy = "Not a known device registration error: read the service's error code and description, and ask Microsoft support if in doubt.";
}
