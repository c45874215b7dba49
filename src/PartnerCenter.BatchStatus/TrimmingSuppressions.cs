using System.Diagnostics.CodeAnalysis;

// The generated client cannot carry attributes of its own (it is rebuilt from the contract), so the trimming and
// native AOT warnings it raises are suppressed here, each for the one generated member that raises it.

// Safe: the options passed to these JsonSerializer calls always carry the source-generated BatchStatusJsonContext as
// their TypeInfoResolver (set in UpdateJsonSerializerSettings), so no metadata is created through reflection. The
// trimmed-publish check under build/ deserializes the documented sample through this very member.
[assembly: UnconditionalSuppressMessage(
    "Trimming",
    "IL2026:Members annotated with 'RequiresUnreferencedCodeAttribute' require dynamic access otherwise can break functionality when trimming application code",
    Scope = "member",
    Target = "M:PartnerCenter.BatchStatus.PartnerCenterRestClient.ReadObjectResponseAsync``1(System.Net.Http.HttpResponseMessage,System.Collections.Generic.IReadOnlyDictionary{System.String,System.Collections.Generic.IEnumerable{System.String}},System.Threading.CancellationToken)",
    Justification = "The serializer options always resolve metadata from the source-generated BatchStatusJsonContext.")]

// Same member, same reason for native AOT: with a source-generated resolver no serialization code is made at run time.
[assembly: UnconditionalSuppressMessage(
    "AOT",
    "IL3050:Calling members annotated with 'RequiresDynamicCodeAttribute' may break functionality when AOT compiling.",
    Scope = "member",
    Target = "M:PartnerCenter.BatchStatus.PartnerCenterRestClient.ReadObjectResponseAsync``1(System.Net.Http.HttpResponseMessage,System.Collections.Generic.IReadOnlyDictionary{System.String,System.Collections.Generic.IEnumerable{System.String}},System.Threading.CancellationToken)",
    Justification = "The serializer options always resolve metadata from the source-generated BatchStatusJsonContext.")]

// Safe: the reflection reads the EnumMember attribute of an enum path parameter; the contract's parameters are
// GUIDs, so that branch never runs. A contract change adding an enum parameter must revisit this.
[assembly: UnconditionalSuppressMessage(
    "Trimming",
    "IL2075:'this' argument does not satisfy 'DynamicallyAccessedMembersAttribute' in call to target method",
    Scope = "member",
    Target = "M:PartnerCenter.BatchStatus.PartnerCenterRestClient.ConvertToString(System.Object,System.Globalization.CultureInfo)",
    Justification = "The contract's parameters are GUIDs and strings; the enum branch that reflects over fields never runs.")]
