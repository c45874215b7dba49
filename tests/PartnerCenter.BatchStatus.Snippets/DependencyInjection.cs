using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Contoso.Onboarding;

/// <summary>The README's dependency injection example, run by <see cref="GettingStartedTests"/>.</summary>
internal static class DependencyInjection
{
    public static void Register(IServiceCollection services)
    {
        #region Snippet:DependencyInjection
        // One client for the container; inject IBatchStatusClient (or BatchStatusClient) where you need it.
        services.AddBatchStatusClient(
            new DefaultAzureCredential(),
            options => options.ApplicationName = "Contoso device onboarding");
        #endregion
    }
}
