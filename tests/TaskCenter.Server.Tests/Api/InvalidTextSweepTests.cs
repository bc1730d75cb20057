using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using TaskCenter.Server.Tests.Management;
using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Api;

/// <summary>
/// Text that is not text — invalid UTF-8, an unpaired surrogate — sent in every string of every operation the OpenAPI
/// document lists: each body field (nested ones and array items too), each query and each path parameter. Every answer
/// must be a 400 with the error shape naming the field (or the 404 of a built-in queue that is off); nothing may be
/// logged as a fault and nothing stored.
/// </summary>
public abstract class InvalidTextSweepTests(ServerFixture fixture)
{
    private const string Marker = "INVALID-TEXT";

    /// <summary>What replaces a JSON string's content, as bytes: escapes of lone surrogates, and bytes that are not UTF-8.</summary>
    private static readonly byte[][] JsonTexts =
    [
        "\\ud800"u8.ToArray(), "\\udfff"u8.ToArray(), "a\\ud800\\u0041"u8.ToArray(),
        [0xFF], [0xED, 0xA0, 0x80], [0xC3, (byte)'x'], [0xC0, 0xAF],
    ];

    /// <summary>The same in a path or query: percent-encoded bytes that are not UTF-8.</summary>
    private static readonly string[] EscapedTexts = ["%FF", "%ED%A0%80", "%C3x", "%C0%AF"];

    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task Invalid_text_in_any_field_of_any_route_is_a_400_naming_the_field_and_changes_nothing()
    {
        // A task that fires in 2100: the one id the routes with {id} are called with, so they read their body.
        var id = await Http.AddAsync(new { name = "sweep", type = 1, data = "kept", start_time = 4_102_444_800 });
        var before = await Http.GetStringAsync(new Uri("v1/api/tasks?limit=500", UriKind.Relative));
        var operations = await ApiOperation.ReadAsync(Http);
        var failures = new List<string>();
        var swept = new HashSet<string>();

        foreach (var operation in operations)
        {
            var pathValues = operation.PathParameters.ToDictionary(name => name, _ => id);
            foreach (var (field, withText) in operation.BodyTexts())
            {
                foreach (var text in JsonTexts)
                {
                    var body = Replace(JsonSerializer.SerializeToUtf8Bytes(withText(Marker)), text);
                    failures.AddRange(await CheckAsync(operation.Method, operation.Path(pathValues), body, field));
                    swept.Add(field);
                }
            }

            foreach (var text in EscapedTexts)
            {
                foreach (var parameter in operation.QueryParameters)
                {
                    failures.AddRange(await CheckAsync(operation.Method, $"{operation.Path(pathValues)}?{parameter}={text}", Body(operation), parameter));
                    swept.Add(parameter);
                }

                foreach (var parameter in operation.PathParameters)
                {
                    var path = operation.Path(new Dictionary<string, string>(pathValues) { [parameter] = text });
                    failures.AddRange(await CheckAsync(operation.Method, path, Body(operation), parameter));
                    swept.Add(parameter);
                }
            }
        }

        // The cases among what the document led to, nested and array fields, query and path parameters.
        Assert.Superset(new HashSet<string> { "data", "error", "group", "msgids[0]", "tasks[0].data", "ids[0]", "name_prefix", "taskid", "id", "name" }, swept);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.DoesNotContain(fixture.Server.Logs.Entries, IsRequestFault);
        Assert.Equal(before, await Http.GetStringAsync(new Uri("v1/api/tasks?limit=500", UriKind.Relative)));
    }

    /// <summary>
    /// An error logged while answering a request: by ASP.NET (an unhandled exception) or the server's own code. (The
    /// fixture's RabbitMQ publisher may log its own errors while the broker comes up; they are not about requests.)
    /// </summary>
    private static bool IsRequestFault(LogEntry entry) =>
        entry.Level >= LogLevel.Error
        && (entry.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || entry.Category.StartsWith("TaskCenter.Server", StringComparison.Ordinal));

    private static byte[]? Body(ApiOperation operation) =>
        operation.Body is null ? null : JsonSerializer.SerializeToUtf8Bytes(operation.Body);

    private static byte[] Replace(byte[] json, byte[] text)
    {
        var at = json.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Marker));
        return [.. json.AsSpan(0, at), .. text, .. json.AsSpan(at + Marker.Length)];
    }

    /// <summary>The problems with the answer: none when it is a 400 naming the field, or the 404 of a queue that is off.</summary>
    private async Task<IEnumerable<string>> CheckAsync(string method, string path, byte[]? body, string field)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path.TrimStart('/'), UriKind.Relative));
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var what = $"{method} {path} ({field}) answered {(int)response.StatusCode} {text}";
        if (text.Length == 0 || JsonDocument.Parse(text).RootElement is not { ValueKind: JsonValueKind.Object } error
            || !error.TryGetProperty("msg", out var msg) || error.GetProperty("err").GetInt32() != (int)response.StatusCode)
        {
            return [what + ": not the error shape"];
        }

        var message = msg.GetString()!;
        var named = response.StatusCode == HttpStatusCode.BadRequest && message.StartsWith(field + " ", StringComparison.Ordinal);
        var queueOff = response.StatusCode == HttpStatusCode.NotFound && message.Contains("built-in queue is off", StringComparison.Ordinal);
        return named || queueOff ? [] : [what + ": not a 400 naming the field"];
    }
}

public sealed class InvalidTextSweepTestsOnSqlite(SqliteServerFixture fixture) : InvalidTextSweepTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class InvalidTextSweepTestsOnPostgres(PostgresServerFixture fixture) : InvalidTextSweepTests(fixture), IClassFixture<PostgresServerFixture>;

public sealed class InvalidTextSweepTestsOnPostgresRabbitMq(PostgresRabbitMqServerFixture fixture)
    : InvalidTextSweepTests(fixture), IClassFixture<PostgresRabbitMqServerFixture>;
