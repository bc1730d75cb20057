using System.Text.Json.Serialization;

namespace TaskCenter.Server.Contracts;

public sealed record CrontabNextResponse([property: JsonPropertyName("times")] IReadOnlyList<long> Times);
