using System.Text.Json;

namespace TaskCenter.Server.Http;

/// <summary>
/// A request's JSON object, read strictly: each accessor names the field when its JSON type is wrong.
/// Null and absent are the same; unknown fields are ignored (clients of the original may send more).
/// </summary>
public sealed class JsonBody : IDisposable
{
    private readonly JsonDocument _document;

    private JsonBody(JsonDocument document) => _document = document;

    private JsonElement Root => _document.RootElement;

    /// <summary>Reads the body; 415 for a non-JSON content type, 400 for malformed JSON or a non-object.</summary>
    public static async Task<JsonBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentType is { } contentType && !IsJson(contentType))
        {
            throw new ApiException(StatusCodes.Status415UnsupportedMediaType,
                $"Content-Type '{contentType}' is not accepted; send the body as JSON with Content-Type: application/json");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, default, cancellationToken);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"body is not valid JSON: {e.Message}");
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw ApiException.BadRequest("body must be a JSON object");
        }

        return new JsonBody(document);
    }

    public string? Text(string field) => Get(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw ApiException.BadRequest($"{field} must be a string"),
    };

    public long? WholeNumber(string field)
    {
        if (Get(field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }

        throw ApiException.BadRequest($"{field} must be an integer");
    }

    public bool? Flag(string field) => Get(field) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw ApiException.BadRequest($"{field} must be true or false"),
    };

    public IReadOnlyList<string>? TextList(string field)
    {
        if (Get(field) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiException.BadRequest($"{field} must be an array of strings");
        }

        var items = new List<string>(value.GetArrayLength());
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw ApiException.BadRequest($"{field}[{items.Count}] must be a string");
            }

            items.Add(item.GetString()!);
        }

        return items;
    }

    public void Dispose() => _document.Dispose();

    private JsonElement? Get(string field) =>
        Root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static bool IsJson(string contentType)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (mediaType.StartsWith("application/", StringComparison.OrdinalIgnoreCase)
                && mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }
}
