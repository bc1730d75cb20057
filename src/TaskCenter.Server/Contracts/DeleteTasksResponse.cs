using System.Text.Json.Serialization;

namespace TaskCenter.Server.Contracts;

/// <summary>The ids really deleted; the capitalised field name is the seed's.</summary>
public sealed record DeleteTasksResponse([property: JsonPropertyName("SucIds")] IReadOnlyList<string> SucIds);
