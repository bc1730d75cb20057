using System.Text.Json;
using TaskCenter.Client;

namespace TaskCenter.Cli.Input;

/// <summary>
/// Reads one line of a bulk-add file: a JSON object with the fields of <c>POST /v1/api/task</c> (name, type, data, crontab,
/// loop_time, loop_count, start_time, end_time, max_runtime, ack, timezone). <c>type</c> may also be a name (once,
/// interval, cron) or left out (inferred as for add); start_time and end_time may also be ISO-8601 strings.
/// </summary>
internal static class TaskLineParser
{
    /// <exception cref="FormatException">The line is not such an object; the message says what is wrong.</exception>
    public static NewTask Parse(string line)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(line);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new FormatException($"not JSON: {ex.Message}", ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("not a JSON object");
        }

        var crontab = String(root, "crontab");
        var loopTime = Int(root, "loop_time");
        var type = root.TryGetProperty("type", out var typeElement) && typeElement.ValueKind != JsonValueKind.Null
            ? typeElement.ValueKind == JsonValueKind.Number ? TaskTypeInput.Parse(typeElement.GetRawText()) : TaskTypeInput.Parse(typeElement.GetString() ?? string.Empty)
            : TaskTypeInput.Infer(crontab, loopTime);
        return new NewTask
        {
            Name = String(root, "name") ?? throw new FormatException("name is missing"),
            Type = type,
            Data = String(root, "data") ?? throw new FormatException("data is missing"),
            Crontab = crontab,
            LoopTime = loopTime is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            LoopCount = Int(root, "loop_count") ?? 0,
            StartTime = Time(root, "start_time"),
            EndTime = Time(root, "end_time"),
            MaxRuntime = Int(root, "max_runtime") is { } maxRuntime ? TimeSpan.FromSeconds(maxRuntime) : null,
            Ack = root.TryGetProperty("ack", out var ack) && ack.ValueKind == JsonValueKind.True,
            TimeZone = String(root, "timezone"),
        };
    }

    private static string? String(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new FormatException($"{name} must be a string");

    private static long? Int(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.TryGetInt64(out var number) ? number
        : throw new FormatException($"{name} must be an integer");

    private static DateTimeOffset? Time(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var unixSeconds))
        {
            return unixSeconds == 0 ? null : DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        }

        try
        {
            return value.ValueKind == JsonValueKind.String
                ? TimeInput.Parse(value.GetString()!, name)
                : throw new FormatException($"{name} must be unix seconds or an ISO-8601 string");
        }
        catch (CliException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }
}
