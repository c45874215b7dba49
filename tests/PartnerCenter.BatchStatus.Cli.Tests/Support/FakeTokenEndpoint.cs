using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PartnerCenter.BatchStatus.Cli.Tests.Support;

/// <summary>How the fake Microsoft Entra ID answers a token request.</summary>
internal enum TokenAnswer
{
    /// <summary>A token.</summary>
    Token,

    /// <summary>401 invalid_client with AADSTS7000215, as for a wrong client secret.</summary>
    InvalidClient,

    /// <summary>Never: the request hangs until the client gives up.</summary>
    Hang,

    /// <summary>
    /// 401 invalid_client whose description echoes what was sent, as a careless authority or proxy may: the form body
    /// (the secret URL-encoded, with %2B and %2b), the secret form-encoded, and a Basic header of the client id and secret.
    /// </summary>
    EchoRequest,
}

/// <summary>
/// A fake Microsoft Entra ID on loopback, over TLS with a self-signed certificate made for the test: the OpenID
/// discovery document and the token endpoint of any tenant. Nothing here reaches a real host.
/// </summary>
internal sealed class FakeTokenEndpoint : IAsyncDisposable
{
    public const string IssuedToken = "fake-entra-token-for-partner-center";

    private readonly WebApplication _app;
    private int _tokenRequests;

    private FakeTokenEndpoint(WebApplication app, X509Certificate2 certificate)
    {
        _app = app;
        Certificate = certificate;
    }

    public X509Certificate2 Certificate { get; }

    public Uri AuthorityHost => new(_app.Urls.First().TrimEnd('/') + "/");

    public int TokenRequests => Volatile.Read(ref _tokenRequests);

    public static async Task<FakeTokenEndpoint> StartAsync(TokenAnswer answer)
    {
        var certificate = CreateCertificate();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        FakeTokenEndpoint? self = null;
        app.MapGet("/{tenant}/v2.0/.well-known/openid-configuration", (HttpContext context, string tenant) =>
        {
            var root = $"{context.Request.Scheme}://{context.Request.Host}/{tenant}";
            return Results.Json(new Dictionary<string, string>
            {
                ["token_endpoint"] = $"{root}/oauth2/v2.0/token",
                ["authorization_endpoint"] = $"{root}/oauth2/v2.0/authorize",
                ["device_authorization_endpoint"] = $"{root}/oauth2/v2.0/devicecode",
                ["issuer"] = $"{root}/v2.0",
            });
        });
        app.MapPost("/{tenant}/oauth2/v2.0/token", async (HttpContext context) =>
        {
            Interlocked.Increment(ref self!._tokenRequests);
            if (answer == TokenAnswer.Hang)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }

            return answer == TokenAnswer.Token
                ? Results.Json(new Dictionary<string, object> { ["token_type"] = "Bearer", ["expires_in"] = 3599, ["ext_expires_in"] = 3599, ["access_token"] = IssuedToken })
                : Results.Json(new Dictionary<string, object> { ["error"] = "invalid_client", ["error_description"] = await DescriptionAsync(answer, context), ["error_codes"] = new[] { 7000215 } }, statusCode: 401);
        });
        await app.StartAsync();
        self = new FakeTokenEndpoint(app, certificate);
        return self;
    }

    /// <summary>
    /// App-only settings that sign a tool in a process of its own in here: <c>AZURE_AUTHORITY_HOST</c>, and the server's
    /// certificate written to <paramref name="folder"/> for <c>SSL_CERT_FILE</c>, trusted through the platform's own checks.
    /// </summary>
    public Dictionary<string, string> ProcessVariables(string folder, string secret = "app-secret-of-the-tests")
    {
        var variables = TestIds.AppOnlyVariables(secret);
        variables["AZURE_AUTHORITY_HOST"] = AuthorityHost.ToString();
        variables["SSL_CERT_FILE"] = Path.Combine(folder, "fake-entra.pem");
        File.WriteAllText(variables["SSL_CERT_FILE"], Certificate.ExportCertificatePem());
        return variables;
    }

    /// <summary>A transport for the credential that trusts this server's certificate only.</summary>
    public HttpPipelineTransport TrustingTransport() =>
        new HttpClientTransport(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == Certificate.Thumbprint,
        });

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
        Certificate.Dispose();
    }

    private static async Task<string> DescriptionAsync(TokenAnswer answer, HttpContext context)
    {
        if (answer == TokenAnswer.InvalidClient)
        {
            return "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '00000000-0000-0000-0000-000000000001'. Trace ID: 11111111-2222-3333-4444-555555555555 Correlation ID: 66666666-7777-8888-9999-000000000000 Timestamp: 2026-11-29 10:00:00Z";
        }

        var form = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var values = System.Web.HttpUtility.ParseQueryString(form);
        var secret = values["client_secret"] ?? string.Empty;
        var basic = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(values["client_id"] + ":" + secret));
        return $"AADSTS7000215: Invalid client secret provided. Request body: {form} Lower: {System.Web.HttpUtility.UrlEncode(secret)} Form: {WebUtility.UrlEncode(secret)} "
            + $"Basic {basic} Secret64: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret))}";
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));

        // Kestrel needs the private key in a form the platform's TLS can use.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}
