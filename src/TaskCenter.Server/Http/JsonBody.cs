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

    /// <summary>Reads the body (its Content-Type is checked before, see <see cref="JsonBodies"/>); 400 for malformed JSON or a non-object.</summary>
    public static async Task<JsonBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
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

    /// <summary>The body's fields.</summary>
    public JsonFields Fields => new(Root, "");

    public string? Text(string field) => Fields.Text(field);

    public long? WholeNumber(string field) => Fields.WholeNumber(field);

    public bool? Flag(string field) => Fields.Flag(field);

    public IReadOnlyList<string>? TextList(string field) => Fields.TextList(field);

    public IReadOnlyList<JsonFields>? ObjectList(string field) => Fields.ObjectList(field);

    public void Dispose() => _document.Dispose();
}
