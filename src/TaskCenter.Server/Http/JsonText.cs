using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Unicode;

namespace TaskCenter.Server.Http;

/// <summary>
/// Whether a request's JSON holds only text. The parser keeps every string as it was sent — UTF-8 bytes with their
/// escapes — and decodes it only when it is read, so invalid UTF-8 or an unpaired surrogate escape (<c>"\ud800"</c>)
/// would surface as a fault at whatever read it first. The whole body is checked once, on its raw bytes, before any
/// field is read: every property name and every string, the fields a route ignores too.
/// </summary>
internal static class JsonText
{
    /// <summary>Where the first string or property name that is not text is (e.g. <c>tasks[3].data</c>); null when all are.</summary>
    public static string? FirstInvalid(JsonElement root) => AllText(root) ? null : Locate(root, "");

    private static bool AllText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => IsText(JsonMarshal.GetRawUtf8Value(element)),
        JsonValueKind.Object => element.EnumerateObject().All(p => IsText(JsonMarshal.GetRawUtf8PropertyName(p)) && AllText(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().All(AllText),
        _ => true,
    };

    /// <summary>The slow path, once something is wrong: the same walk, naming where it is.</summary>
    private static string? Locate(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsText(JsonMarshal.GetRawUtf8Value(element)) ? null : path;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsText(JsonMarshal.GetRawUtf8PropertyName(property)))
                    {
                        return path.Length == 0 ? "a property name of the body" : $"a property name in {path}";
                    }

                    if (Locate(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (Locate(item, $"{path}[{index++}]") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>Valid UTF-8, and every <c>\u</c> escape of a surrogate one half of a high-then-low pair.</summary>
    private static bool IsText(ReadOnlySpan<byte> raw)
    {
        if (!Utf8.IsValid(raw))
        {
            return false;
        }

        for (var i = raw.IndexOf((byte)'\\'); i >= 0 && i < raw.Length - 1;)
        {
            if (raw[i + 1] != (byte)'u')
            {
                i = Next(raw, i + 2); // \" \\ \/ \b \f \n \r \t: two bytes
                continue;
            }

            var unit = Hex(raw, i + 2);
            if (unit is >= 0xDC00 and <= 0xDFFF)
            {
                return false; // a low surrogate without its high one
            }

            if (unit is >= 0xD800 and <= 0xDBFF)
            {
                if (i + 7 >= raw.Length || raw[i + 6] != (byte)'\\' || raw[i + 7] != (byte)'u' || Hex(raw, i + 8) is < 0xDC00 or > 0xDFFF)
                {
                    return false; // a high surrogate not followed by a low one
                }

                i = Next(raw, i + 12);
                continue;
            }

            i = Next(raw, i + 6);
        }

        return true;
    }

    private static int Next(ReadOnlySpan<byte> raw, int from) =>
        from >= raw.Length ? -1 : raw[from..].IndexOf((byte)'\\') is var at and >= 0 ? from + at : -1;

    /// <summary>The 4 hex digits at <paramref name="at"/> (the parser has checked they are); -1 when cut short.</summary>
    private static int Hex(ReadOnlySpan<byte> raw, int at) =>
        at + 4 <= raw.Length && Utf8Parser.TryParse(raw.Slice(at, 4), out int value, out var consumed, 'X') && consumed == 4 ? value : -1;
}
