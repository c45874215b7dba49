namespace PartnerCenter.BatchStatus;

// What the generated models (obj/Generated/PartnerCenterRestClient.g.cs) cannot say from the contract: documented
// constructors, and the answer a call read them from.

public partial class BatchUploadDetails
{
    /// <summary>Creates empty details, every property unset; the client creates them from the service's answers.</summary>
    public BatchUploadDetails()
    {
    }

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
}

public partial class DeviceUploadDetails
{
    /// <summary>Creates empty device details, every property unset; the client creates them from the service's answers.</summary>
    public DeviceUploadDetails()
    {
    }
}

public partial class ResourceAttributes
{
    /// <summary>Creates empty attributes, every property unset; the client creates them from the service's answers.</summary>
    public ResourceAttributes()
    {
    }
}
