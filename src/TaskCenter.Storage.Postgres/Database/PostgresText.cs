using System.Text;

namespace TaskCenter.Storage.Postgres.Database;

/// <summary>
/// PostgreSQL text holds neither U+0000 nor invalid UTF-16 (lone surrogates), which .NET strings and JSON may carry.
/// Payloads are therefore stored as UTF-8 bytes and come back exactly as given; every other text (ids, names, groups,
/// error messages) goes in with such characters replaced by U+FFFD. Ids and names are generated or validated, so none
/// stored holds them: a lookup by such a key finds nothing, as it should, instead of failing.
/// </summary>
internal static class PostgresText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static byte[] ToPayload(string data) => Utf8.GetBytes(data);

    public static string FromPayload(byte[] bytes) => Utf8.GetString(bytes);

    /// <summary>The text as PostgreSQL can store it (the same string when nothing needs replacing).</summary>
    public static string Storable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\0' || char.IsSurrogate(text[i]))
            {
                return Replaced(text);
            }
        }

        return text;
    }

    private static string Replaced(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
            }
        }

        return builder.ToString();
    }
}
