using System.Text.Json;
using System.Text.RegularExpressions;

namespace PartnerCenter.BatchStatus.Errors;

/// <summary>
/// Reads the code and description of an error body, tolerantly: the body may be Partner Center's
/// <c>{"code", "description"}</c>, a gateway's <c>{"error": {"code", "message"}}</c>, HTML, empty or truncated.
/// A token the service echoes (anything shaped like a JWT, or the credential after <c>Bearer</c>) is replaced with
/// <c>(redacted)</c>: the code and description end up in exception messages and logs.
/// </summary>
internal static partial class ServiceError
{
    private const string Redacted = "(redacted)";

    public static (string? Code, string? Description) Read(string? body) =>
        !string.IsNullOrWhiteSpace(body) && TryRead(body, out var code, out var description) ? (WithoutTokens(code), WithoutTokens(description)) : (null, null);

    /// <summary>Replaces every JWT-shaped value and <c>Bearer</c> credential with <c>(redacted)</c>.</summary>
    /// <param name="text">Text from the service.</param>
    /// <returns>The text without tokens.</returns>
    internal static string? WithoutTokens(string? text) =>
        string.IsNullOrEmpty(text) ? text : BearerCredential().Replace(Jwt().Replace(text, Redacted), Redacted);

    [GeneratedRegex(@"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]*", RegexOptions.CultureInvariant)]
    private static partial Regex Jwt();

    [GeneratedRegex(@"(?<=\bBearer\s+)[A-Za-z0-9\-._~+/]{16,}=*", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BearerCredential();

    private static bool TryRead(string body, out string? code, out string? description)
    {
        code = null;
        description = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            if (TryGet(root, "error", out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                root = nested;
            }

            code = TryGet(root, "code", out var codeElement) ? Scalar(codeElement) : null;
            description = TryGet(root, "description", out var text) || TryGet(root, "message", out text)
                ? Scalar(text)
                : null;
            return code is not null || description is not null;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a name or value that is no text (a lone surrogate escaped); what was read stays.
            return code is not null;
        }
    }

    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        value = element.EnumerateObject().FirstOrDefault(property => string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
        return value.ValueKind != JsonValueKind.Undefined;
    }

    private static string? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        _ => null,
    };
}
