using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PartnerCenter.BatchStatus.Serialization;

/// <summary>
/// Finds the values of a body that the models did not hold, by walking the body beside what was read from it: a value
/// the body has (neither <c>null</c> nor a blank string) whose property came out <see langword="null"/> was not read (a
/// value of the wrong kind, a timestamp that does not parse), and neither was an array element that did not become an
/// item (a device that is not an object). Members the contract does not declare are not counted: the models keep them
/// in <c>AdditionalProperties</c>. A property sent twice counts too: only its last value is kept. The first
/// <see cref="MaxPathsKept"/> paths are kept and every value is counted, so that a body of nothing but values that are
/// not read (millions of devices that are not objects) costs no more than that many paths.
/// </summary>
/// <remarks>
/// It reads only the models' JSON metadata (names, kinds and getters), so it follows whatever the models and their
/// converters are, and it allocates nothing for a body with nothing unread.
/// </remarks>
internal sealed class UnreadValues
{
    /// <summary>The most paths kept for one body.</summary>
    public const int MaxPathsKept = 1000;

    private static readonly IReadOnlyList<string> None = [];

    private readonly List<(string? Name, int Index)> _path = [];
    private readonly bool _caseInsensitive;
    private List<string>? _found;
    private StringBuilder? _path0;
    private StringBuilder? _path1;
    private int _count;

    private UnreadValues(JsonSerializerOptions options) => _caseInsensitive = options.PropertyNameCaseInsensitive;

    /// <summary>Lists the JSON paths (such as <c>$.devicesStatus[2].status</c>) of the values of <paramref name="json"/> that <paramref name="model"/> does not hold.</summary>
    /// <param name="json">The body, as received.</param>
    /// <param name="model">What was read from it.</param>
    /// <param name="typeInfo">The metadata it was read with.</param>
    /// <returns>The first <see cref="MaxPathsKept"/> paths, in the body's order (empty when every value was read), and how many values were not read.</returns>
    public static (IReadOnlyList<string> Paths, int Count) Find(ReadOnlySpan<byte> json, object model, JsonTypeInfo typeInfo)
    {
        var options = typeInfo.Options;
        var reader = new Utf8JsonReader(
            json.StartsWith("\uFEFF"u8) ? json[3..] : json,
            new JsonReaderOptions
            {
                AllowTrailingCommas = options.AllowTrailingCommas,
                CommentHandling = options.ReadCommentHandling == JsonCommentHandling.Disallow ? JsonCommentHandling.Disallow : JsonCommentHandling.Skip,
                MaxDepth = options.MaxDepth,
            });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (None, 0);
        }

        var walk = new UnreadValues(options);
        try
        {
            walk.Object(ref reader, model, typeInfo);
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // The models were read from this body with the same settings, so this is not expected; were it to happen,
            // it must not cost the call the details that were read.
        }

        return (walk._found ?? None, walk._count);
    }

    private void Object(ref Utf8JsonReader reader, object model, JsonTypeInfo typeInfo)
    {
        var seen = 0UL;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var index = IndexOf(ref reader, typeInfo);
            reader.Read();
            if (index < 0)
            {
                // Not in the contract: AdditionalProperties holds it.
                reader.Skip();
                continue;
            }

            var property = typeInfo.Properties[index];
            _path.Add((property.Name, -1));
            var bit = 1UL << (index % 64);
            if ((seen & bit) != 0)
            {
                Report();
            }

            seen |= bit;
            Value(ref reader, property.Get!(model), property.PropertyType, typeInfo.Options);
            _path.RemoveAt(_path.Count - 1);
        }
    }

    private void Value(ref Utf8JsonReader reader, object? value, Type type, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null || (value is null && IsBlankString(ref reader)))
        {
            // Nothing was sent, so nothing was lost.
            return;
        }

        if (value is null)
        {
            Report();
            reader.Skip();
            return;
        }

        if (reader.TokenType == JsonTokenType.StartObject && options.TryGetTypeInfo(type, out var objectInfo) && objectInfo.Kind == JsonTypeInfoKind.Object)
        {
            Object(ref reader, value, objectInfo);
        }
        else if (reader.TokenType == JsonTokenType.StartArray && value is IEnumerable items
                 && options.TryGetTypeInfo(type, out var listInfo) && listInfo is { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } elementType })
        {
            Array(ref reader, items, elementType, options);
        }
        else
        {
            reader.Skip();
        }
    }

    private void Array(ref Utf8JsonReader reader, IEnumerable items, Type elementType, JsonSerializerOptions options)
    {
        // Elements of object type become items in order, and anything else is left out (TolerantReading' list reading);
        // other elements map one to one.
        var objects = options.TryGetTypeInfo(elementType, out var elementInfo) && elementInfo.Kind == JsonTypeInfoKind.Object;
        var item = items.GetEnumerator();
        try
        {
            for (var index = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; index++)
            {
                _path.Add((null, index));
                if ((!objects || reader.TokenType == JsonTokenType.StartObject) && item.MoveNext())
                {
                    Value(ref reader, item.Current, elementType, options);
                }
                else
                {
                    Report();
                    reader.Skip();
                }

                _path.RemoveAt(_path.Count - 1);
            }
        }
        finally
        {
            (item as IDisposable)?.Dispose();
        }
    }

    private int IndexOf(ref Utf8JsonReader reader, JsonTypeInfo typeInfo)
    {
        // The name as sent first (no copy of it), then in any case when the options match names so.
        var index = IndexOf(typeInfo, ref reader, []);
        if (index >= 0 || !_caseInsensitive)
        {
            return index;
        }

        // A name has at most as many characters as bytes: a short one is copied to the stack, not to a new string.
        var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        Span<char> buffer = stackalloc char[128];
        return IndexOf(typeInfo, ref reader, length <= buffer.Length ? buffer[..reader.CopyString(buffer)] : reader.GetString().AsSpan());
    }

    /// <summary>Finds the property the reader's name is, as sent when <paramref name="name"/> is empty, else <paramref name="name"/> in any case.</summary>
    private static int IndexOf(JsonTypeInfo typeInfo, ref Utf8JsonReader reader, scoped ReadOnlySpan<char> name)
    {
        var properties = typeInfo.Properties;
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            if (!property.IsExtensionData && property.Get is not null
                && (name.IsEmpty ? reader.ValueTextEquals(property.Name) : name.Equals(property.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsBlankString(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.TokenType == JsonTokenType.String && string.IsNullOrWhiteSpace(reader.GetString());
        }
        catch (InvalidOperationException)
        {
            // A string that is no text (read as no value): not blank, so it is named.
            return false;
        }
    }

    private void Report()
    {
        // The path is spelled into one builder and compared with the last one reported, kept in the other: past the
        // paths kept, counting allocates nothing.
        (_path0, _path1) = (_path1 ?? new(), _path0);
        var path = _path0.Clear().Append('$');
        foreach (var (name, index) in _path)
        {
            if (name is null)
            {
                path.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
            else
            {
                path.Append('.').Append(name);
            }
        }

        if (_path1 is not null && path.Equals(_path1))
        {
            return;
        }

        if (++_count <= MaxPathsKept)
        {
            (_found ??= []).Add(path.ToString());
        }
    }
}
