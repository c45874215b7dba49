using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using PartnerCenter.BatchStatus.Cli.Commands;

namespace PartnerCenter.BatchStatus.Cli.Connection;

/// <summary>
/// Makes the Azure.Identity credential the settings ask for, signing in at the cloud's own authority. The secret and
/// the certificate password are read from the environment here, and go nowhere but into the credential.
/// </summary>
internal static class CredentialFactory
{
    /// <summary>The tenant of a device-code sign-in without <c>--tenant</c>: any work or school account.</summary>
    public const string AnyOrganization = "organizations";

    /// <summary>Makes the credential.</summary>
    /// <param name="settings">The checked settings (not the demo's).</param>
    /// <param name="cloud">The cloud whose authority issues the tokens.</param>
    /// <param name="environment">Where the secret is read, and where a device-code prompt is written.</param>
    /// <returns>The credential; nothing is asked of Microsoft Entra ID before the first call.</returns>
    /// <exception cref="CliException">The certificate file cannot be read.</exception>
    public static TokenCredential Create(ConnectionSettings settings, PartnerCenterCloud cloud, CliEnvironment environment)
    {
        switch (settings.Authentication)
        {
            case AuthenticationMode.ClientSecret:
                return new ClientSecretCredential(
                    settings.TenantId,
                    settings.ClientId,
                    environment.GetEnvironmentVariable(EnvironmentVariables.ClientSecret)?.Trim(),
                    Configure(new ClientSecretCredentialOptions { DisableInstanceDiscovery = ChosenAuthority(settings, environment) }, settings, cloud, environment));

            case AuthenticationMode.ClientCertificate:
                return new ClientCertificateCredential(
                    settings.TenantId,
                    settings.ClientId,
                    LoadCertificate(settings.CertificatePath!, environment.GetEnvironmentVariable(EnvironmentVariables.CertificatePassword)),
                    Configure(new ClientCertificateCredentialOptions { DisableInstanceDiscovery = ChosenAuthority(settings, environment) }, settings, cloud, environment));

            case AuthenticationMode.DeviceCode:
                return new DeviceCodeCredential(Configure(
                    new DeviceCodeCredentialOptions
                    {
                        TenantId = settings.TenantId ?? AnyOrganization,
                        DisableInstanceDiscovery = ChosenAuthority(settings, environment),
                        ClientId = settings.ClientId,

                        // The prompt goes to the error stream, so that the output stays clean for scripts and pipes.
                        DeviceCodeCallback = (code, _) => environment.Error.WriteLineAsync(code.Message),
                    },
                    settings,
                    cloud,
                    environment));

            case AuthenticationMode.DefaultChain:
                return new DefaultAzureCredential(Configure(new DefaultAzureCredentialOptions { TenantId = settings.TenantId, DisableInstanceDiscovery = ChosenAuthority(settings, environment) }, settings, cloud, environment));

            default:
                throw new ArgumentOutOfRangeException(nameof(settings), settings.Authentication, "Unknown sign-in mode.");
        }
    }

    /// <summary>The sign-in authority: the one a test set, else <c>AZURE_AUTHORITY_HOST</c>, else the cloud's.</summary>
    /// <param name="settings">The checked settings.</param>
    /// <param name="cloud">The cloud.</param>
    /// <param name="environment">The process environment.</param>
    /// <returns>The authority.</returns>
    public static Uri AuthorityOf(ConnectionSettings settings, PartnerCenterCloud cloud, CliEnvironment environment) =>
        environment.AuthorityHostOverride ?? settings.AuthorityHost ?? cloud.AuthorityHost;

    /// <summary>
    /// Whether the authority was chosen by name: it is then used as it is, not looked up in the public cloud's list of
    /// authorities (which a private cloud, or a fake one on loopback, is not in).
    /// </summary>
    private static bool ChosenAuthority(ConnectionSettings settings, CliEnvironment environment) =>
        environment.AuthorityHostOverride is not null || settings.AuthorityHost is not null;

    private static T Configure<T>(T options, ConnectionSettings settings, PartnerCenterCloud cloud, CliEnvironment environment)
        where T : TokenCredentialOptions
    {
        options.AuthorityHost = AuthorityOf(settings, cloud, environment);
        if (environment.IdentityTransport is { } transport)
        {
            options.Transport = transport;
        }

        return options;
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        try
        {
            if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase))
            {
                return string.IsNullOrEmpty(password)
                    ? X509Certificate2.CreateFromPemFile(path)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, password);
            }

            return X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (CryptographicException error)
        {
            // The message names neither the password nor the file's content.
            throw new CliException(
                $"The certificate file {CommandLineValues.Quote(path)} could not be read as a PFX, or a PEM with its private key"
                + (string.IsNullOrEmpty(password) ? string.Empty : ", with the password of AZURE_CLIENT_CERTIFICATE_PASSWORD")
                + $": {error.Message}",
                error);
        }
    }
}
