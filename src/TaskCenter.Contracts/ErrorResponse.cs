using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>The one error shape of the API: <c>err</c> is the HTTP status, <c>msg</c> names what is wrong.</summary>
internal sealed record ErrorResponse(
    [property: JsonPropertyName("err")] int Err,
    [property: JsonPropertyName("msg")] string Msg);
