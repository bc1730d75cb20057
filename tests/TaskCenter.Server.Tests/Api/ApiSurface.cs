using System.Text.Json;
using System.Text.Json.Nodes;

namespace TaskCenter.Server.Tests.Api;

/// <summary>
/// The API's operations as its OpenAPI document describes them: each with its path and query parameters and a request
/// body built from its schema, and every place in them that holds text (a string field, nested ones such as
/// <c>tasks[0].data</c>, an item of a string array, a parameter). Tests that go over "every input of every route" read
/// it, so routes and fields added later are covered without touching them.
/// </summary>
public sealed record ApiOperation(string Method, string PathTemplate, IReadOnlyList<string> PathParameters, IReadOnlyList<string> QueryParameters, JsonObject? Body)
{
    /// <summary>Where a text is in the body, as the server names it in errors (<c>tasks[0].data</c>), and how to replace it.</summary>
    public IEnumerable<(string Field, Func<string, JsonObject> WithText)> BodyTexts() =>
        from field in BodyFields()
        where field.Value.GetValueKind() == JsonValueKind.String
        select (field.Field, (Func<string, JsonObject>)(text => field.With(JsonValue.Create(text))));

    /// <summary>
    /// Every field of the body and every item of its arrays, nested ones too: where it is, as the server names it in
    /// errors (<c>tasks[0].data</c>), its sample value (of the document's type), and how to replace it.
    /// </summary>
    public IEnumerable<(string Field, JsonNode Value, Func<JsonNode, JsonObject> With)> BodyFields() =>
        Body is null ? [] : FieldsIn(Body, "", () => (JsonObject)Body.DeepClone(), node => node);

    public string Path(IReadOnlyDictionary<string, string> pathValues) =>
        PathParameters.Aggregate(PathTemplate, (path, name) => path.Replace("{" + name + "}", pathValues[name], StringComparison.Ordinal));

    public static async Task<IReadOnlyList<ApiOperation>> ReadAsync(HttpClient http)
    {
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        var root = JsonNode.Parse(document.RootElement.GetRawText())!.AsObject();
        var schemas = root["components"]?["schemas"]?.AsObject() ?? [];
        var operations = new List<ApiOperation>();
        foreach (var (path, item) in root["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = operation!["parameters"]?.AsArray() ?? [];
                var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                operations.Add(new ApiOperation(
                    method.ToUpperInvariant(),
                    path,
                    [.. parameters.Where(p => (string?)p!["in"] == "path").Select(p => (string)p!["name"]!)],
                    [.. parameters.Where(p => (string?)p!["in"] == "query").Select(p => (string)p!["name"]!)],
                    schema is null ? null : (JsonObject)Sample(schema, schemas)));
            }
        }

        return operations;
    }

    /// <summary>A value of the schema: every property present, strings "x", numbers 1, arrays of one item.</summary>
    private static JsonNode Sample(JsonNode schema, JsonObject schemas)
    {
        if (schema["$ref"] is { } reference)
        {
            return Sample(schemas[((string)reference!).Split('/')[^1]]!, schemas);
        }

        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => (string)t!).ToList(),
            { } one => [(string)one!],
            null => ["object"],
        };
        return types.First(t => t != "null") switch
        {
            "object" => new JsonObject(schema["properties"]?.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Sample(p.Value!, schemas))) ?? []),
            "array" => new JsonArray(Sample(schema["items"]!, schemas)),
            "string" => "x",
            "boolean" => false,
            _ => 1,
        };
    }

    private static IEnumerable<(string Field, JsonNode Value, Func<JsonNode, JsonObject> With)> FieldsIn(
        JsonNode node, string path, Func<JsonObject> copy, Func<JsonObject, JsonNode> locate)
    {
        if (path.Length > 0)
        {
            yield return (path, node, value =>
            {
                var body = copy();
                locate(body).ReplaceWith(value);
                return body;
            });
        }

        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    var field = path.Length == 0 ? name : $"{path}.{name}";
                    foreach (var inner in FieldsIn(value!, field, copy, body => locate(body)[name]!))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var index = i;
                    foreach (var inner in FieldsIn(array[i]!, $"{path}[{i}]", copy, body => locate(body)[index]!))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
