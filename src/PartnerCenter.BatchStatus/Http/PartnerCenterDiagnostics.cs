using System.Diagnostics;
using System.Reflection;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>The package's name and version, as sent in <c>User-Agent</c> and used for tracing and logging.</summary>
internal static class PartnerCenterDiagnostics
{
    public const string PackageName = "PartnerCenter.BatchStatus";

    public static readonly string PackageVersion = ReadVersion();

    /// <summary>Traces each call; listen to it by this name (<c>PartnerCenter.BatchStatus</c>).</summary>
    public static readonly ActivitySource ActivitySource = new(PackageName, PackageVersion);

    private static string ReadVersion()
    {
        var assembly = typeof(PartnerCenterDiagnostics).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";

        // Build metadata (+commit) is noise in a User-Agent.
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
