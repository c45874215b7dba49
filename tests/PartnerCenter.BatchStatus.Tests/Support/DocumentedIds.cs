namespace PartnerCenter.BatchStatus.Tests.Support;

/// <summary>The ids of the documented request and response.</summary>
internal static class DocumentedIds
{
    public static readonly Guid CustomerId = Guid.Parse("47021739-3426-40bf-9601-61b4b6d7c793");

    public static readonly Guid BatchTrackingId = Guid.Parse("0127ed8e-ff72-4983-a3d8-e8d8bd378932");
}
