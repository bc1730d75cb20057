using System.Text.Json.Serialization;

namespace TaskCenter.Contracts;

/// <summary>The ids really deleted; the capitalised field name is the seed's.</summary>
internal sealed record DeleteTasksResponse([property: JsonPropertyName("SucIds")] IReadOnlyList<string> SucIds);
