using System.Text.Json;

namespace TaskCenter.Server.Http;

/// <summary>
/// A request's JSON object, read strictly: a property given twice or a string that is not text anywhere in it is a 400,
/// and each accessor names the field when its JSON type is wrong. Null and absent are the same; unknown fields are
/// ignored (clients of the original may send more).
/// </summary>
public sealed class JsonBody : IDisposable
{
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    private readonly JsonDocument _document;

    private JsonBody(JsonDocument document) => _document = document;

    private JsonElement Root => _document.RootElement;

    /// <summary>Reads the body (its Content-Type is checked before, see <see cref="JsonBodies"/>); 400 for malformed JSON or a non-object.</summary>
    public static async Task<JsonBody> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, Strict, cancellationToken);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"body is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // The check for properties given twice decodes each name: one that is not text fails there.
            throw ApiException.BadRequest($"a property name of the body {NotText}");
        }

        var problem = document.RootElement.ValueKind != JsonValueKind.Object
            ? "body must be a JSON object"
            : JsonText.FirstInvalid(document.RootElement) is { } where ? $"{where} {NotText}" : null;
        if (problem is not null)
        {
            document.Dispose();
            throw ApiException.BadRequest(problem);
        }

        return new JsonBody(document);
    }

    /// <summary>What a 400 says of a string that is not text.</summary>
    internal const string NotText = "is not valid text: it holds invalid UTF-8 or an unpaired surrogate (\\uD800-\\uDFFF)";

    /// <summary>The body's fields.</summary>
    public JsonFields Fields => new(Root, "");

    public string? Text(string field) => Fields.Text(field);

    public long? WholeNumber(string field) => Fields.WholeNumber(field);

    public bool? Flag(string field) => Fields.Flag(field);

    public IReadOnlyList<string>? TextList(string field) => Fields.TextList(field);

    public IReadOnlyList<JsonFields>? ObjectList(string field) => Fields.ObjectList(field);

    public void Dispose() => _document.Dispose();
}
