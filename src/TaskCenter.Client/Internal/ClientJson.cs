using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using TaskCenter.Contracts;

namespace TaskCenter.Client.Internal;

/// <summary>How the SDK writes and reads the wire's shapes (<see cref="WireJsonContext"/>).</summary>
internal static class ClientJson
{
    /// <summary>
    /// A request leaves out what the caller did not set, so the server applies its defaults; an answer is read leniently,
    /// so a server older than a field still answers (<see cref="WireJsonContext.Lenient"/>).
    /// </summary>
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = WireJsonContext.Lenient,
    };

    /// <summary>The metadata of one of the wire's shapes.</summary>
    public static JsonTypeInfo<T> Of<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
}
