using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;

namespace PartnerCenter.BatchStatus.Http;

/// <summary>
/// Kiota's <see cref="AuthorizationHandler"/>, which also disposes the token provider it was given (Kiota leaves it to the caller).
/// </summary>
internal sealed class PartnerCenterAuthorizationHandler(AzureIdentityAuthenticationProvider provider) : AuthorizationHandler(provider)
{
    protected override void Dispose(bool disposing)
    {
        if (disposing && provider.AccessTokenProvider is IDisposable tokenProvider)
        {
            tokenProvider.Dispose();
        }

        base.Dispose(disposing);
    }
}
