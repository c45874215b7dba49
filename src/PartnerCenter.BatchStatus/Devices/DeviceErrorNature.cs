namespace PartnerCenter.BatchStatus;

/// <summary>What kind of problem a device registration error code stands for, and so who must act.</summary>
public enum DeviceErrorNature
{
    /// <summary>A passing failure of the service or of the request: uploading the device again can succeed.</summary>
    Transient = 0,

    /// <summary>The device's data (hardware hash, serial number, product key, profile) is wrong or incomplete: fix it, then upload again.</summary>
    FixData = 1,

    /// <summary>What the upload asked for is already the case: nothing is left to do.</summary>
    AlreadyDone = 2,

    /// <summary>The device or profile belongs to another tenant: that tenant must release it first.</summary>
    Ownership = 3,
}
