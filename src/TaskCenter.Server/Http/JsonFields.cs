using System.Text.Json;

namespace TaskCenter.Server.Http;

/// <summary>
/// The fields of one JSON object of a request, read strictly: each accessor names the field, with its path inside the
/// body (e.g. <c>tasks[3].type</c>), when its JSON type is wrong or its string is not text. Null and absent are the same.
/// </summary>
public readonly struct JsonFields
{
    private readonly JsonElement _object;
    private readonly string _path;

    /// <param name="path">Where this object is in the body, with a trailing dot; empty for the body itself.</param>
    internal JsonFields(JsonElement @object, string path)
    {
        _object = @object;
        _path = path;
    }

    public string? Text(string field) => Get(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => TextOf(value),
        _ => throw ApiException.BadRequest($"{_path}{field} must be a string"),
    };

    public long? WholeNumber(string field)
    {
        if (Get(field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        throw ApiException.BadRequest($"{_path}{field} must be an integer");
    }

    public bool? Flag(string field) => Get(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw ApiException.BadRequest($"{_path}{field} must be true or false"),
    };

    public IReadOnlyList<string>? TextList(string field)
    {
        if (Get(field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"{_path}{field} must be an array of strings");
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw ApiException.BadRequest($"{_path}{field}[{items.Count}] must be a string");
            }

            items.Add(TextOf(item));
        }

        return items;
    }

    /// <summary>An array of objects, each read as fields of its own.</summary>
    public IReadOnlyList<JsonFields>? ObjectList(string field)
    {
        if (Get(field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"{_path}{field} must be an array of objects");
        }

        var items = new List<JsonFields>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw ApiException.BadRequest($"{_path}{field}[{items.Count}] must be an object");
            }

            items.Add(new JsonFields(item, $"{_path}{field}[{items.Count}]."));
        }

        return items;
    }

    /// <summary>Whether the field is present with a value other than null.</summary>
    public bool Has(string field) => Get(field) is not null;

    /// <summary>The string's text: every string of the body was checked to be text when it was read (<see cref="JsonText"/>).</summary>
    private static string TextOf(JsonElement value) => value.GetString()!;

    private JsonElement? Get(string field) =>
        _object.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;
}
