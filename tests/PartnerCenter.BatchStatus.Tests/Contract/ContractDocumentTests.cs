using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using PartnerCenter.BatchStatus.Tests.Support;

namespace PartnerCenter.BatchStatus.Tests.Contract;

public sealed class ContractDocumentTests
{
    [Fact]
    public async Task Contract_ReadWithMicrosoftOpenApi_HasNoErrorsOrWarnings()
    {
        var result = await LoadContractAsync();

        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Empty(result.Diagnostic.Warnings);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_0, result.Diagnostic.SpecificationVersion);
        Assert.Empty(result.Document!.Validate(ValidationRuleSet.GetDefaultRuleSet())!);
    }

    [Fact]
    public async Task Contract_Operation_DescribesPathIdsAsGuidsAndTheDocumentedResponses()
    {
        var document = (await LoadContractAsync()).Document!;

        var operation = document.Paths["/v1/customers/{customerId}/batchJobStatus/{batchTrackingId}"].Operations![HttpMethod.Get];

        Assert.Equal("GetBatchJobStatus", operation.OperationId);
        Assert.Equal(
            ["customerId", "batchTrackingId", "MS-RequestId", "MS-CorrelationId", "X-Locale", "MS-PartnerCenter-Application"],
            operation.Parameters!.Select(p => p.Name));
        Assert.All(operation.Parameters!.Take(2), p => Assert.Equal((ParameterLocation.Path, true, JsonSchemaType.String, "uuid"), (p.In, p.Required, p.Schema!.Type, p.Schema.Format)));
        Assert.All(operation.Parameters!.Skip(2), p => Assert.Equal(ParameterLocation.Header, p.In));
        Assert.All(operation.Parameters!.Skip(2).Take(2), p => Assert.Equal((true, "uuid"), (p.Required, p.Schema!.Format)));
        Assert.Equal("BatchUploadDetails", ((OpenApiSchemaReference)operation.Responses!["200"].Content!["application/json"].Schema!).Reference.Id);
        Assert.Equal(["MS-RequestId", "MS-CorrelationId", "MS-CV", "MS-ServerId"], operation.Responses["200"].Headers!.Keys);
        Assert.Contains("Retry-After", operation.Responses["429"].Headers!.Keys);
        Assert.Contains("MS-RequestId", operation.Responses["default"].Headers!.Keys);
        Assert.Equal(
            ["https://api.partnercenter.microsoft.com", "https://partner.partnercenterapi.microsoftonline.cn"],
            document.Servers!.Select(s => s.Url));
        Assert.Equal(
            ["MS-RequestId", "MS-CorrelationId", "X-Locale", "MS-PartnerCenter-Application"],
            document.Components!.Parameters!.Values.Select(p => p.Name));
        Assert.DoesNotContain("PartnerCenterError", document.Components.Schemas!.Keys);
        Assert.All(["`code`", "`description`", "`data`", "`source`"], member => Assert.Contains(member, operation.Responses["default"].Description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Contract_SecuritySchemes_NamePartnerCenterScopes()
    {
        var document = (await LoadContractAsync()).Document!;

        var scopes = document.Components!.SecuritySchemes!.Values
            .SelectMany(s => (s.Flows!.ClientCredentials?.Scopes?.Keys ?? []).Concat(s.Flows.AuthorizationCode?.Scopes?.Keys ?? []));

        Assert.Equal(
            ["https://api.partnercenter.microsoft.com/.default", "https://api.partnercenter.microsoft.com/user_impersonation"],
            scopes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Contract_Status_IsAnOpenStringWhoseKnownValuesTheClientNames()
    {
        var schema = (await LoadContractAsync()).Document!.Components!.Schemas!["DeviceUploadStatus"];
        var known = ((JsonNodeExtension)schema.Extensions!["x-known-values"]).Node.AsArray().Select(value => value!.GetValue<string>()).ToArray();

        Assert.Null(schema.Enum);
        Assert.Equal(["unknown", "queued", "processing", "finished", "finished_with_errors"], known);
        Assert.Equal(
            known,
            new[] { DeviceUploadStatus.Unknown, DeviceUploadStatus.Queued, DeviceUploadStatus.Processing, DeviceUploadStatus.Finished, DeviceUploadStatus.FinishedWithErrors }
                .Select(status => status.ToString()));
        Assert.All(known, value => Assert.Contains("`" + value + "`", schema.Description, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Contract_ExampleOfTheSuccessResponse_IsTheExampleFile()
    {
        var document = (await LoadContractAsync()).Document!;
        var example = document.Paths.Values.Single().Operations![HttpMethod.Get]
            .Responses!["200"].Content!["application/json"].Examples!.Values.Single();

        var referenced = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(RepositoryFiles.Contract)!, example.ExternalValue!));

        Assert.Equal(RepositoryFiles.DocumentedSample, referenced);
    }

    private static async Task<ReadResult> LoadContractAsync()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        return await OpenApiDocument.LoadAsync(RepositoryFiles.Contract, settings);
    }
}
