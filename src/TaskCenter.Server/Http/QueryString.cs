using System.Globalization;

namespace TaskCenter.Server.Http;

/// <summary>Typed query-string parameters that name themselves when malformed.</summary>
public static class QueryString
{
    public static string? QueryText(this HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    public static string RequiredQueryText(this HttpRequest request, string name) =>
        request.QueryText(name) is { Length: > 0 } value ? value : throw ApiException.BadRequest($"{name} is required");

    public static long? QueryWholeNumber(this HttpRequest request, string name)
    {
        if (request.QueryText(name) is not { Length: > 0 } text)
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiException.BadRequest($"{name} must be an integer, got '{text}'");
    }
}
