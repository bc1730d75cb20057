using System.Globalization;

namespace TaskCenter.Server.Http;

/// <summary>Typed query-string parameters that name themselves when malformed.</summary>
public static class QueryString
{
    public static string? String(this HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    public static string RequiredString(this HttpRequest request, string name) =>
        request.String(name) is { Length: > 0 } value ? value : throw ApiException.BadRequest($"{name} is required");

    public static long? Integer(this HttpRequest request, string name)
    {
        if (request.String(name) is not { Length: > 0 } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"{name} must be an integer, got '{text}'");
    }
}
