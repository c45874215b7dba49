using Microsoft.Extensions.Options;
using PartnerCenter.BatchStatus;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Runs <see cref="BatchStatusClientOptions.Validate"/> for the options of registered clients.</summary>
internal sealed class BatchStatusClientOptionsValidator : IValidateOptions<BatchStatusClientOptions>
{
    public ValidateOptionsResult Validate(string? name, BatchStatusClientOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException exception)
        {
            return ValidateOptionsResult.Fail(exception.Message);
        }
    }
}
