using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using PartnerCenter.BatchStatus.Testing;

namespace PartnerCenter.BatchStatus.Tests.Conventions;

/// <summary>
/// Every public type and member of the shipped libraries has a summary in the XML documentation file that ships
/// beside the assembly, generated code included (the generated file turns the compiler's own check off). The one
/// exception is the models' <c>AdditionalProperties</c>: the generator writes it without a summary and has no setting for
/// one, and a template fork for a doc comment costs more than it gives; the models' own summaries say what it holds.
/// </summary>
public sealed class DocumentationTests
{
    private static readonly string[] Libraries = ["PartnerCenter.BatchStatus", "PartnerCenter.BatchStatus.Testing"];

    public static TheoryData<string> ShippedLibraries => new(Libraries);

    /// <summary>Public members whose summary is still to be written; each entry must go once it is documented.</summary>
    [Theory]
    [MemberData(nameof(ShippedLibraries))]
    public void PublicApi_EveryTypeAndMember_HasASummary(string library)
    {
        var assembly = Load(library);
        var documented = DocumentedIds(assembly);

        var missing = PublicApiIds(assembly)
            .Where(id => !documented.Contains(id) && !id.EndsWith(".AdditionalProperties", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"{library}: {missing.Count} public types or members have no <summary> in {library}.xml:\n  " + string.Join("\n  ", missing));
    }

    [Fact]
    public void PublicApiIds_FindsTheGeneratedModelsAndTheKnownStatuses()
    {
        var ids = PublicApiIds(typeof(BatchUploadDetails).Assembly).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("T:PartnerCenter.BatchStatus.DeviceUploadStatus", ids);
        Assert.Contains("P:PartnerCenter.BatchStatus.DeviceUploadStatus.FinishedWithErrors", ids);
        Assert.Contains("P:PartnerCenter.BatchStatus.BatchUploadDetails.Status", ids);
        Assert.Contains("P:PartnerCenter.BatchStatus.DeviceUploadDetails.AdditionalProperties", ids);
        Assert.Contains("M:PartnerCenter.BatchStatus.IBatchStatusClient.GetBatchJobStatusAsync(System.Guid,System.Guid,System.Threading.CancellationToken)", ids);
    }

    private static Assembly Load(string library) => library switch
    {
        "PartnerCenter.BatchStatus" => typeof(BatchUploadDetails).Assembly,
        "PartnerCenter.BatchStatus.Testing" => typeof(FakePartnerCenter).Assembly,
        _ => throw new ArgumentOutOfRangeException(nameof(library), library, "Not a shipped library."),
    };

    /// <summary>The ids of the members that have a summary (or inherit one) in the XML file beside the assembly.</summary>
    private static HashSet<string> DocumentedIds(Assembly assembly)
    {
        var path = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(path), $"The XML documentation file {Path.GetFileName(path)} is not beside {Path.GetFileName(assembly.Location)}.");

        return XDocument.Load(path).Descendants("member")
            .Where(m => m.Element("inheritdoc") is not null || !string.IsNullOrWhiteSpace(m.Element("summary")?.Value))
            .Select(m => (string)m.Attribute("name")!)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The documentation ids of every type and member that a user of the assembly can see.</summary>
    private static IEnumerable<string> PublicApiIds(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(IsVisible))
        {
            yield return "T:" + TypeName(type);
            if (typeof(Delegate).IsAssignableFrom(type))
            {
                continue;
            }

            const BindingFlags declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var member in type.GetMembers(declared).Where(m => IsVisible(type, m) && m.GetCustomAttribute<CompilerGeneratedAttribute>() is null))
            {
                var id = member switch
                {
                    ConstructorInfo c when !c.IsStatic => "M:" + TypeName(type) + ".#ctor" + Parameters(c.GetParameters()),
                    MethodInfo m when !m.IsSpecialName || m.Name.StartsWith("op_", StringComparison.Ordinal) => MethodId(type, m),
                    PropertyInfo p => "P:" + TypeName(type) + "." + p.Name + Parameters(p.GetIndexParameters()),
                    FieldInfo f when !f.IsSpecialName => "F:" + TypeName(type) + "." + f.Name,
                    EventInfo e => "E:" + TypeName(type) + "." + e.Name,
                    _ => null,
                };
                if (id is not null)
                {
                    yield return id;
                }
            }
        }
    }

    private static bool IsVisible(Type type) =>
        type.IsPublic
        || (type.DeclaringType is { } outer && IsVisible(outer)
            && (type.IsNestedPublic || (!outer.IsSealed && (type.IsNestedFamily || type.IsNestedFamORAssem))));

    private static bool IsVisible(Type type, MemberInfo member)
    {
        bool Visible(bool isPublic, bool isFamily, bool isFamilyOrAssembly) => isPublic || (!type.IsSealed && (isFamily || isFamilyOrAssembly));
        return member switch
        {
            MethodBase m => Visible(m.IsPublic, m.IsFamily, m.IsFamilyOrAssembly),
            FieldInfo f => Visible(f.IsPublic, f.IsFamily, f.IsFamilyOrAssembly),
            PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => Visible(a.IsPublic, a.IsFamily, a.IsFamilyOrAssembly)),
            EventInfo e => e.AddMethod is { } add && Visible(add.IsPublic, add.IsFamily, add.IsFamilyOrAssembly),
            _ => false,
        };
    }

    private static string MethodId(Type type, MethodInfo method)
    {
        var id = "M:" + TypeName(type) + "." + method.Name;
        if (method.IsGenericMethodDefinition)
        {
            id += "``" + method.GetGenericArguments().Length;
        }

        id += Parameters(method.GetParameters());
        return method.Name is "op_Implicit" or "op_Explicit" ? id + "~" + ParameterTypeName(method.ReturnType) : id;
    }

    private static string Parameters(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? "" : "(" + string.Join(",", parameters.Select(p => ParameterTypeName(p.ParameterType))) + ")";

    // The name of a type as it declares members: Namespace.Outer.Inner`1.
    private static string TypeName(Type type) =>
        type.DeclaringType is { } outer ? TypeName(outer) + "." + type.Name : (type.Namespace is { } ns ? ns + "." : "") + type.Name;

    // The name of a type where it is used in a signature: generic arguments in braces, generic parameters by position.
    private static string ParameterTypeName(Type type)
    {
        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod is null ? "`" : "``") + type.GenericParameterPosition;
        }

        if (type.IsByRef)
        {
            return ParameterTypeName(type.GetElementType()!) + "@";
        }

        if (type.IsArray)
        {
            return ParameterTypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (type.IsPointer)
        {
            return ParameterTypeName(type.GetElementType()!) + "*";
        }

        var prefix = type.DeclaringType is { } outer ? TypeName(outer) + "." : (type.Namespace is { } ns ? ns + "." : "");
        if (!type.IsGenericType)
        {
            return prefix + type.Name;
        }

        var name = type.Name.Split('`')[0];
        var ownArguments = type.GetGenericArguments().Skip(type.DeclaringType?.GetGenericArguments().Length ?? 0);
        return prefix + name + "{" + string.Join(",", ownArguments.Select(ParameterTypeName)) + "}";
    }
}
