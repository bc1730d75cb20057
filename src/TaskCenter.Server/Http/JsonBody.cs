using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;

namespace TaskCenter.Server.Http;

/// <summary>
/// A request's JSON object, read strictly: a property given twice or a string that is not text anywhere in it is a 400,
/// and so is a field of the wrong JSON kind for the request's contract type, naming the field (<see cref="JsonShape"/>).
/// Null and absent are the same; unknown fields are ignored (clients of the original may send more).
/// </summary>
internal sealed class JsonBody : IDisposable
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

    /// <summary>Reads the body as the request's contract type (<see cref="As{T}"/>).</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : IRequestBody
    {
        using var body = await ReadAsync(request, cancellationToken);
        return body.As<T>();
    }

    /// <summary>The body as the request's contract type, once each of its fields was found of its kind (400 naming it otherwise).</summary>
    public T As<T>()
        where T : IRequestBody
    {
        var contract = (JsonTypeInfo<T>)ServerJson.Requests.GetTypeInfo(typeof(T));
        JsonShape.Of(contract).Check(Root, "");
        return Root.Deserialize(contract)!; // an object (checked when read) whose fields are of their kinds
    }

    /// <summary>Whether the field is present with a value other than null, whichever the contract type.</summary>
    public bool Has(string field) => Root.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null;

    public void Dispose() => _document.Dispose();
}
