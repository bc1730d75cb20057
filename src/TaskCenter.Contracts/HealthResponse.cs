using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>
/// <c>/healthz</c> and <c>/readyz</c>: "ok", "degraded" (serving, but a part is impaired: e.g. publishing to RabbitMQ is
/// behind) or "unhealthy" (the database is unreachable and the API answers 503, or the broker is unreachable and fires
/// wait in the outbox), with each part's own state.
/// </summary>
internal sealed record HealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, HealthCheckResponse> Checks);

internal sealed record HealthCheckResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("description")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Description = null,
    [property: JsonPropertyName("data")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string>? Data = null);
