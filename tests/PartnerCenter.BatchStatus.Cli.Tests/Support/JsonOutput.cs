using System.Text.Json;
using PartnerCenter.BatchStatus.Serialization;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>Reads pcbatch's --json envelope back, as a script would.</summary>
internal static class JsonOutput
{
    public static BatchUploadDetails Details(string output)
    {
        using var document = JsonDocument.Parse(output);
        return document.RootElement.GetProperty("details").Deserialize(BatchStatusJson.BatchUploadDetails)!;
    }
}
