namespace TaskCenter.Server.Http;

/// <summary>A caller's mistake, answered as <c>{"err": status, "msg": message}</c>. Thrown while reading a request.</summary>
public sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static ApiException NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    /// <summary><paramref name="value"/> when it is between <paramref name="min"/> and <paramref name="max"/>; else a 400 naming <paramref name="field"/>.</summary>
    public static long RequireInRange(long value, string field, long min, long max) =>
        value >= min && value <= max
            ? value
            : throw BadRequest(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{field} must be between {min} and {max}, got {value}"));
}
