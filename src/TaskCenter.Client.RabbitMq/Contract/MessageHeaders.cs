using System.Globalization;
using System.Text;

namespace TaskCenter.RabbitMq.Contract;

/// <summary>The AMQP headers of a TaskCenter message (docs/rabbitmq.md) and how to read them whatever client wrote them.</summary>
internal static class MessageHeaders
{
    public const string TaskId = "taskid";
    public const string Name = "name";
    public const string FireTime = "fire_time";
    public const string FireTimeIso = "fire_time_iso";
    public const string Attempt = "attempt";
    public const string Ack = "ack";
    public const string LeaseMs = "lease_ms";
    public const string LastError = "last_error";
    public const string RetryDelayMs = "retry_delay_ms";
    public const string Group = "group";
    public const string Attempts = "attempts";
    public const string DeadAt = "dead_at";

    /// <summary>A string header; AMQP clients send strings as bytes.</summary>
    public static string? GetString(IDictionary<string, object?>? headers, string name) =>
        Find(headers, name) switch
        {
            byte[] bytes => Encoding.UTF8.GetString(bytes),
            string text => text,
            null => null,
            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
        };

    /// <summary>An integer header, whichever integer type (or decimal string) the sender chose.</summary>
    public static long? GetInt64(IDictionary<string, object?>? headers, string name) =>
        Find(headers, name) switch
        {
            long value => value,
            int value => value,
            short value => value,
            sbyte value => value,
            byte value => value,
            uint value => value,
            ushort value => value,
            byte[] or string => long.TryParse(GetString(headers, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : null,
            _ => null,
        };

    /// <summary>A boolean header: a boolean, a number (not 0) or the text "true".</summary>
    public static bool GetBoolean(IDictionary<string, object?>? headers, string name) =>
        Find(headers, name) switch
        {
            bool value => value,
            byte[] or string => string.Equals(GetString(headers, name), "true", StringComparison.OrdinalIgnoreCase),
            _ => GetInt64(headers, name) is { } number && number != 0,
        };

    private static object? Find(IDictionary<string, object?>? headers, string name) =>
        headers is not null && headers.TryGetValue(name, out var value) ? value : null;
}
