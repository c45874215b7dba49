using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>Ids for the tests: the documented sample's, and others.</summary>
internal static class TestIds
{
    public static string Customer => DocumentedSample.CustomerId.ToString("D");

    public static string DocumentedBatch => DocumentedSample.BatchTrackingId.ToString("D");

    /// <summary>App-only settings in the environment, so that runs against the fake pass the sign-in checks.</summary>
    public static Dictionary<string, string> AppOnlyVariables(string secret = "app-secret-of-the-tests") => new()
    {
        ["AZURE_TENANT_ID"] = "contoso.onmicrosoft.com",
        ["AZURE_CLIENT_ID"] = "11111111-2222-3333-4444-555555555555",
        ["AZURE_CLIENT_SECRET"] = secret,
    };
}
