using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;

namespace TaskCenter.Client.Tests.Wire;

/// <summary>
/// The server's OpenAPI document as the judge of what goes over the wire: each operation's request body and answer as a
/// JSON Schema (2020-12, the dialect of OpenAPI 3.1's schemas) that admits no field the document does not list.
/// </summary>
internal sealed class ApiDocument
{
    private const string Dialect = "https://json-schema.org/draft/2020-12/schema";

    private readonly JsonObject _paths;
    private readonly JsonObject _schemas;
    private readonly JsonObject _closedSchemas;

    private ApiDocument(JsonObject root)
    {
        _paths = root["paths"]!.AsObject();
        _schemas = root["components"]!["schemas"]!.AsObject();
        _closedSchemas = (JsonObject)Rewritten(_schemas);
        foreach (var (_, schema) in _closedSchemas)
        {
            if (schema!["properties"] is not null)
            {
                schema["additionalProperties"] = false;
            }
        }
    }

    /// <summary>The document's named schemas, as it gives them.</summary>
    public JsonObject Schemas => _schemas;

    public static async Task<ApiDocument> ReadAsync(HttpClient http) =>
        new(JsonNode.Parse(await http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)))!.AsObject());

    /// <summary>The path template (<c>/v1/api/tasks/{id}</c>) of the operation a request calls; null when the document lists none.</summary>
    public string? Template(HttpMethod method, string path)
    {
        var segments = path.Split('/');
        return _paths
            .Where(item => item.Value![method.Method.ToLowerInvariant()] is not null)
            .Select(item => item.Key)
            .FirstOrDefault(template =>
            {
                var parts = template.Split('/');
                return parts.Length == segments.Length
                    && parts.Zip(segments).All(pair => pair.First.StartsWith('{') || pair.First == Uri.UnescapeDataString(pair.Second));
            });
    }

    /// <summary>The operation's request body, when it takes one.</summary>
    public JsonSchema? Request(HttpMethod method, string template) =>
        Operation(method, template)["requestBody"]?["content"]?["application/json"]?["schema"] is { } schema ? Build(schema) : null;

    /// <summary>The operation's answer of a success; any other status answers the one error shape.</summary>
    public JsonSchema Answer(HttpMethod method, string template, int status) =>
        status is >= 200 and < 300
            ? Build(Operation(method, template)["responses"]![status.ToString(System.Globalization.CultureInfo.InvariantCulture)]!["content"]!["application/json"]!["schema"]!)
            : Build(new JsonObject { ["$ref"] = "#/components/schemas/ErrorResponse" });

    /// <summary>What is wrong with <paramref name="json"/> by <paramref name="schema"/>; empty when nothing is.</summary>
    public static IEnumerable<string> Problems(JsonSchema schema, string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : (results.Details ?? [results])
                .Where(detail => detail.Errors is { Count: > 0 })
                .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"))
                .ToList();
    }

    private JsonNode Operation(HttpMethod method, string template) => _paths[template]![method.Method.ToLowerInvariant()]!;

    private JsonSchema Build(JsonNode schema)
    {
        var root = (JsonObject)Rewritten(schema);
        root["$schema"] = Dialect;
        root["$defs"] = _closedSchemas.DeepClone();
        return JsonSchema.FromText(root.ToJsonString(), baseUri: new Uri($"https://taskcenter.test/{Guid.NewGuid():N}"));
    }

    /// <summary>A copy whose references to the document's schemas point into the copy's <c>$defs</c>.</summary>
    private static JsonNode Rewritten(JsonNode schema) =>
        JsonNode.Parse(schema.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!;
}
