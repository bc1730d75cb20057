using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TaskCenter.Contracts;

namespace TaskCenter.Cli.Output;

/// <summary>
/// Machine output: the HTTP API's own shapes where a command prints one of its answers (<see cref="WireJsonContext"/>),
/// else property names as the API spells them (snake_case); times as unix seconds, and text escaped as the server
/// escapes it: a quote as \", while apostrophes, +, &lt;, &gt;, &amp; and non-ASCII letters stay as written.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Document = new()
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(WireJsonContext.Default, new DefaultJsonTypeInfoResolver()),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // stdout is read by programs, never embedded in HTML
    };

    private static readonly JsonSerializerOptions Line = new(Document) { WriteIndented = false };

    /// <summary>Writes the command's one JSON document.</summary>
    public static void WriteDocument<T>(TextWriter stdout, T value) => stdout.WriteLine(JsonSerializer.Serialize(value, Document));

    /// <summary>Writes one JSON object on one line (tail's stream).</summary>
    public static void WriteLine<T>(TextWriter stdout, T value) => stdout.WriteLine(JsonSerializer.Serialize(value, Line));
}
