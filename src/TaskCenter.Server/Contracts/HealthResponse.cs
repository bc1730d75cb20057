using System.Text.Json.Serialization;

namespace TaskCenter.Server.Contracts;

/// <summary>
/// <c>/healthz</c>: "ok", "degraded" (serving, but a part is impaired: e.g. RabbitMQ unreachable, fires wait in the
/// outbox) or "unhealthy" (the database is unreachable; the API answers 503), with each part's own state.
/// </summary>
public sealed record HealthResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("checks")] IReadOnlyDictionary<string, HealthCheckResponse> Checks);

public sealed record HealthCheckResponse(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("description")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Description,
    [property: JsonPropertyName("data")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, string>? Data);
