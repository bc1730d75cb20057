using System.Text.Encodings.Web;
using System.Text.Json;
using TaskCenter.Contracts;

namespace TaskCenter.Server.Wire;

/// <summary>How the server writes and reads the wire's shapes (<see cref="WireJsonContext"/>).</summary>
internal static class ServerJson
{
    /// <summary>
    /// The context responses are written with. Payloads go out as users sent them: quotes, apostrophes and non-ASCII
    /// text are not turned into \uXXXX escapes (these are JSON responses, never embedded in HTML).
    /// </summary>
    public static WireJsonContext Responses { get; } = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The options request bodies are read with: a missing field is the endpoint's to name (<see cref="WireJsonContext.Lenient"/>).</summary>
    public static JsonSerializerOptions Requests { get; } = new() { TypeInfoResolver = WireJsonContext.Lenient };
}
