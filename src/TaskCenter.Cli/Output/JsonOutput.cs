using System.Text.Json;
using System.Text.Json.Serialization;

namespace TaskCenter.Cli.Output;

/// <summary>Machine output: property names as the HTTP API spells them (snake_case), times as unix seconds.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Document = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,
    };

    private static readonly JsonSerializerOptions Line = new(Document) { WriteIndented = false };

    /// <summary>Writes the command's one JSON document.</summary>
    public static void WriteDocument<T>(TextWriter stdout, T value) => stdout.WriteLine(JsonSerializer.Serialize(value, Document));

    /// <summary>Writes one JSON object on one line (tail's stream).</summary>
    public static void WriteLine<T>(TextWriter stdout, T value) => stdout.WriteLine(JsonSerializer.Serialize(value, Line));
}
