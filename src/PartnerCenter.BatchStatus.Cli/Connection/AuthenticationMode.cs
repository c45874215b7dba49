namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>How <c>pcbatch</c> signs in to Microsoft Entra ID.</summary>
internal enum AuthenticationMode
{
    /// <summary>App-only, with a client secret from <c>AZURE_CLIENT_SECRET</c>.</summary>
    ClientSecret = 0,

    /// <summary>App-only, with a certificate from <c>--certificate</c> or <c>AZURE_CLIENT_CERTIFICATE_PATH</c>.</summary>
    ClientCertificate = 1,

    /// <summary>App+user, signing in on another device with a code (<c>--device-code</c>).</summary>
    DeviceCode = 2,

    /// <summary>The default Azure credential chain (<c>--default-credential</c>): environment, workload or managed identity, developer tools.</summary>
    DefaultChain = 3,
}
