using System.Text.Json;
using System.Text.Json.Serialization;
using TaskCenter.Benchmarks.Results;

namespace TaskCenter.Benchmarks.Report;

/// <summary>Writes and reads the results JSON (one file per run, so runs can be compared).</summary>
public static class ResultsJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task WriteAsync(RunResults results, string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, results, Options, cancellationToken);
    }

    public static RunResults? Read(string json) => JsonSerializer.Deserialize<RunResults>(json, Options);
}
