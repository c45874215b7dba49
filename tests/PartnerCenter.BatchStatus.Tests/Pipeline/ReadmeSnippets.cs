using System.Security.Cryptography.X509Certificates;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Client;

namespace PartnerCenter.BatchStatus.Tests.Pipeline;

/// <summary>
/// The code of the README's "Using the client" section, kept here so it compiles; <see cref="ReadmeSnippetsTests"/>
/// checks that every line shown in the README is in this file.
/// </summary>
internal static class ReadmeSnippets
{
    /// <summary>The README's "Many batches" section.</summary>
    public static async Task<List<string>> WaitForManyAsync(IBatchStatusClient client, IEnumerable<string> locationHeaders, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        var batches = locationHeaders.Select(BatchTrackingLocation.Parse);
        await foreach (var result in client.WaitForAllAsync(batches, new BatchWaitOptions { MaxConcurrentCalls = 4 }, cancellationToken: cancellationToken))
        {
            lines.Add(result.Completed
                ? $"{result.Batch.BatchTrackingId}: {result.Details!.Summarize()} after {result.Polls} polls"
                : $"{result.Batch.BatchTrackingId}: {result.Exception!.Message}");
        }

        return lines;
    }

    public static async Task AppOnlyWithASecretAsync(string tenantId, string clientId, string clientSecret, Guid customerId, Guid batchTrackingId)
    {
        var credential = new ClientSecretCredential(tenantId, clientId, clientSecret);
        using var client = new BatchStatusClient(credential);

        var details = await client.GetBatchJobStatusAsync(customerId, batchTrackingId);
        Console.WriteLine($"{details.Status}: request id {details.Response?.RequestId}");
    }

    public static BatchStatusClient AppOnlyWithACertificate(string tenantId, string clientId, X509Certificate2 certificate)
    {
        var credential = new ClientCertificateCredential(tenantId, clientId, certificate);
        return new BatchStatusClient(credential);
    }

    public static BatchStatusClient AppAndUserInteractively(string tenantId, string clientId)
    {
        var credential = new DeviceCodeCredential(new DeviceCodeCredentialOptions { TenantId = tenantId, ClientId = clientId });
        return new BatchStatusClient(credential);
    }

    public static BatchStatusClient WithOptions(TokenCredential credential, ILoggerFactory loggerFactory)
    {
        var options = new BatchStatusClientOptions
        {
            ApplicationName = "Contoso device onboarding",
            Locale = "de-DE",
            Timeout = TimeSpan.FromMinutes(2),
            LoggerFactory = loggerFactory,
        };
        options.Retry.MaxRetries = 6;
        options.Retry.MaxRetryAfter = TimeSpan.FromMinutes(2);

        return new BatchStatusClient(credential, options);
    }

    public static BatchStatusClient InChina(string tenantId, string clientId, string clientSecret)
    {
        var credential = new ClientSecretCredential(
            tenantId,
            clientId,
            clientSecret,
            new ClientSecretCredentialOptions { AuthorityHost = PartnerCenterCloud.China.AuthorityHost });

        return new BatchStatusClient(credential, new BatchStatusClientOptions().UseCloud(PartnerCenterCloud.China));
    }

    public static async Task<BatchUploadDetails?> HandlingErrorsAsync(IBatchStatusClient client, Guid customerId, Guid batchTrackingId, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetBatchJobStatusAsync(customerId, batchTrackingId, cancellationToken);
        }
        catch (PartnerCenterApiException e) when (e.StatusCode == 429)
        {
            Console.WriteLine($"Still throttled after the retries; call again in {e.RetryAfter}.");
        }
        catch (PartnerCenterApiException e) when (e.IsMfaRequired)
        {
            Console.WriteLine("Sign in again with multi-factor authentication.");
        }
        catch (PartnerCenterApiException e)
        {
            Console.WriteLine($"{e.StatusCode} {e.ErrorCode}: {e.ErrorDescription} (request id {e.RequestId})");
        }
        catch (PartnerCenterTimeoutException e)
        {
            Console.WriteLine($"No answer in time (request id {e.RequestId}).");
        }
        catch (HttpRequestException e)
        {
            Console.WriteLine($"Partner Center could not be reached: {e.HttpRequestError}.");
        }

        return null;
    }

    public static void Register(IServiceCollection services, string tenantId, string clientId, string clientSecret)
    {
        services.AddSingleton<TokenCredential>(new ClientSecretCredential(tenantId, clientId, clientSecret));
        services.AddBatchStatusClient(options => options.ApplicationName = "Contoso device onboarding")
            .AddHttpMessageHandler(() => new MyAuditHandler());
    }

    public static void RegisterWithACredential(IServiceCollection services, TokenCredential credential) =>
        services.AddBatchStatusClient(credential, options => options.UseCloud(PartnerCenterCloud.China));

    /// <summary>A caller's own handler: it sees the Partner Center headers, never the token.</summary>
    private sealed class MyAuditHandler : DelegatingHandler
    {
    }
}

/// <summary>App+user through the secure application model: a refresh token, kept in a vault, redeemed for tokens.</summary>
internal sealed class RefreshTokenCredential(IConfidentialClientApplication application, string refreshToken) : TokenCredential
{
    public override async ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        var result = await ((IByRefreshToken)application)
            .AcquireTokenByRefreshToken(requestContext.Scopes, refreshToken)
            .ExecuteAsync(cancellationToken);
        return new AccessToken(result.AccessToken, result.ExpiresOn);
    }

    // The synchronous GetToken does the same.
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();
}
