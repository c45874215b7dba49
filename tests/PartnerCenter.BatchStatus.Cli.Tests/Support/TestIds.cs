using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>Ids and settings for the tests: the documented sample's, and app-only sign-in variables.</summary>
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

    /// <summary>Reads pcbatch's --json envelope back, as a script would.</summary>
    public static BatchUploadDetails Details(string jsonOutput)
    {
        using var document = JsonDocument.Parse(jsonOutput);
        return document.RootElement.GetProperty("details").Deserialize(BatchStatusJson.BatchUploadDetails)!;
    }

    /// <summary>Writes the demo's own three batches, then unknown batches of the demo's customer (each answered 404) up to <paramref name="count"/>.</summary>
    public static string WriteDemoList(string path, int count)
    {
        File.WriteAllText(path, string.Concat(Enumerable.Range(3, Math.Max(0, count - 3)).Select(i => $"{Cli.Demo.DemoIds.CustomerId:D},5eed0000-0000-4000-8000-{i:x12}\n").Prepend(Cli.Demo.DemoIds.WatchList)));
        return path;
    }
}
