using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using TaskCenter.Server.Tests.Management;

namespace TaskCenter.Server.Tests.Api;

/// <summary>
/// The OpenAPI document and the server agree on every field of every request body: each field, nested ones and array
/// items too, sent with a value of another JSON type than the document's is a 400 naming the field and the type the
/// document gives it; and the document gives each field one JSON type (besides null), as the server reads it.
/// </summary>
public sealed class WrongKindSweepTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task A_field_of_another_type_than_the_documents_is_a_400_naming_the_field_and_its_type()
    {
        // A task that fires in 2100: the one id the routes with {id} are called with, so they read their body.
        var id = await Http.AddAsync(new { name = "kinds", type = 1, data = "kept", start_time = 4_102_444_800 });
        var before = await Http.GetStringAsync(new Uri("v1/api/tasks?limit=500", UriKind.Relative));
        var failures = new List<string>();
        var swept = new HashSet<string>();

        foreach (var operation in await ApiOperation.ReadAsync(Http))
        {
            var path = operation.Path(operation.PathParameters.ToDictionary(name => name, _ => id));
            foreach (var (field, sample, with) in operation.BodyFields())
            {
                var (type, wrongValues) = Kind(sample);
                foreach (var wrong in wrongValues)
                {
                    var (status, body) = await SendAsync(operation.Method, path, with(wrong).ToJsonString());
                    var expected = $"{field} must be {type}";
                    if (status != HttpStatusCode.BadRequest || body.GetProperty("msg").GetString() != expected)
                    {
                        failures.Add($"{operation.Method} {path} with {field} = {wrong.ToJsonString()}: {(int)status} {body} (expected 400 \"{expected}\")");
                    }
                }

                swept.Add(field);
            }
        }

        Assert.Superset(
            new HashSet<string> { "name", "type", "loop_count", "ack", "ids", "ids[0]", "tasks", "tasks[0]", "tasks[0].start_time", "msgids[0]", "max", "wait_ms" },
            swept);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.Equal(before, await Http.GetStringAsync(new Uri("v1/api/tasks?limit=500", UriKind.Relative)));
    }

    [Fact]
    public async Task The_document_gives_each_field_one_json_type_besides_null()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri("openapi/v1.json", UriKind.Relative)));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        var fields = schemas.EnumerateObject()
            .SelectMany(schema => schema.Value.TryGetProperty("properties", out var properties)
                ? properties.EnumerateObject().Select(field => (Name: $"{schema.Name}.{field.Name}", Schema: field.Value))
                : [])
            .ToList();

        Assert.NotEmpty(fields);
        Assert.All(fields, field =>
        {
            if (field.Schema.TryGetProperty("type", out var type))
            {
                var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToList() : [type.GetString()];
                Assert.True(types.Count(t => t != "null") == 1, $"{field.Name} is documented as {type}");
            }
            else
            {
                Assert.True(field.Schema.TryGetProperty("$ref", out _) || field.Schema.TryGetProperty("oneOf", out _), $"{field.Name} has no type");
            }
        });
    }

    /// <summary>How the server names the document's type of a sample value, and values of other types.</summary>
    private static (string Type, JsonNode[] WrongValues) Kind(JsonNode sample) => sample.GetValueKind() switch
    {
        JsonValueKind.String => ("a string", [1]),
        JsonValueKind.Number => ("an integer", ["1", 1.5]),
        JsonValueKind.True or JsonValueKind.False => ("true or false", ["true"]),
        JsonValueKind.Object => ("an object", ["x"]),
        JsonValueKind.Array => (sample[0]!.GetValueKind() == JsonValueKind.Object ? "an array of objects" : "an array of strings", ["x", new JsonObject()]),
        var other => throw new InvalidOperationException($"no sample of {other} in a request"),
    };

    private async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string method, string path, string json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path.TrimStart('/'), UriKind.Relative))
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await Http.SendAsync(request);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }
}
