using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TaskCenter.Server.Http;

/// <summary>
/// The JSON kind of each field of a request's contract type (a string, an integer, true or false, an array of strings
/// or of objects, an object, or an object of strings), taken from the type's metadata: a body is checked against it before it is read, so that a field of
/// the wrong kind is a 400 naming it, with its path inside the body (e.g. <c>tasks[3].type</c>). Null and absent are
/// the same; fields the contract does not have are ignored (clients of the original may send more).
/// </summary>
internal sealed class JsonShape
{
    private static readonly ConcurrentDictionary<Type, JsonShape> Shapes = new();

    private readonly Field[] _fields;

    private JsonShape(JsonTypeInfo contract) =>
        _fields = [.. contract.Properties.Select(property => Field.Of(property.Name, property.PropertyType, contract.Options))];

    public static JsonShape Of(JsonTypeInfo contract) => Shapes.GetOrAdd(contract.Type, _ => new JsonShape(contract));

    /// <summary>Throws a 400 naming the first field whose value is not of its kind.</summary>
    /// <param name="path">Where <paramref name="body"/> is in the request's body, with a trailing dot; empty for the body itself.</param>
    public void Check(JsonElement body, string path)
    {
        foreach (var field in _fields)
        {
            if (body.TryGetProperty(field.Utf8Name, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                field.Check(value, path);
            }
        }
    }

    private enum Kind
    {
        Text,
        Integer,
        Flag,
        TextList,
        ObjectList,
        Object,
        TextMap,
    }

    private sealed record Field(string Name, byte[] Utf8Name, Kind Kind, JsonShape? Items)
    {
        public static Field Of(string name, Type type, JsonSerializerOptions options)
        {
            var utf8Name = System.Text.Encoding.UTF8.GetBytes(name);
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type == typeof(string) || type == typeof(long) || type == typeof(bool))
            {
                return new Field(name, utf8Name, type == typeof(string) ? Kind.Text : type == typeof(long) ? Kind.Integer : Kind.Flag, null);
            }

            return options.GetTypeInfo(type) switch
            {
                { Kind: JsonTypeInfoKind.Enumerable, ElementType: var item } when item == typeof(string) => new Field(name, utf8Name, Kind.TextList, null),
                { Kind: JsonTypeInfoKind.Enumerable, ElementType: { } item } when options.GetTypeInfo(item).Kind == JsonTypeInfoKind.Object =>
                    new Field(name, utf8Name, Kind.ObjectList, JsonShape.Of(options.GetTypeInfo(item))),
                { Kind: JsonTypeInfoKind.Dictionary, KeyType: var key, ElementType: var value } when key == typeof(string) && value == typeof(string) =>
                    new Field(name, utf8Name, Kind.TextMap, null),
                { Kind: JsonTypeInfoKind.Object } contract => new Field(name, utf8Name, Kind.Object, JsonShape.Of(contract)),
                _ => throw new NotSupportedException(
                    $"request field {name} is a {type}: a request's field is a string, a long, a bool, a list of strings or of objects, " +
                    "an object, or an object of strings"),
            };
        }

        public void Check(JsonElement value, string path)
        {
            switch (Kind)
            {
                case Kind.Text when value.ValueKind != JsonValueKind.String:
                    throw ApiException.BadRequest($"{path}{Name} must be a string");
                case Kind.Integer when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _):
                    throw ApiException.BadRequest($"{path}{Name} must be an integer");
                case Kind.Flag when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                    throw ApiException.BadRequest($"{path}{Name} must be true or false");
                case Kind.TextList:
                    CheckItems(value, path, "strings", JsonValueKind.String, "a string");
                    break;
                case Kind.ObjectList:
                    CheckItems(value, path, "objects", JsonValueKind.Object, "an object");
                    break;
                case Kind.Object when value.ValueKind != JsonValueKind.Object:
                    throw ApiException.BadRequest($"{path}{Name} must be an object");
                case Kind.Object:
                    Items!.Check(value, $"{path}{Name}.");
                    break;
                case Kind.TextMap when value.ValueKind != JsonValueKind.Object:
                    throw ApiException.BadRequest($"{path}{Name} must be an object of strings");
                case Kind.TextMap:
                    foreach (var entry in value.EnumerateObject())
                    {
                        if (entry.Value.ValueKind != JsonValueKind.String)
                        {
                            throw ApiException.BadRequest($"{path}{Name}.{entry.Name} must be a string");
                        }
                    }

                    break;
            }
        }

        private void CheckItems(JsonElement value, string path, string items, JsonValueKind itemKind, string item)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                throw ApiException.BadRequest($"{path}{Name} must be an array of {items}");
            }

            var index = 0;
            foreach (var element in value.EnumerateArray())
            {
                if (element.ValueKind != itemKind)
                {
                    throw ApiException.BadRequest($"{path}{Name}[{index}] must be {item}");
                }

                Items?.Check(element, $"{path}{Name}[{index}].");
                index++;
            }
        }
    }
}
