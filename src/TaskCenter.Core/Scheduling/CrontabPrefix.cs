namespace TaskCenter.Core.Scheduling;

/// <summary>What may stand before the fields of a crontab: a CRON_TZ=/TZ= zone, and a macro in their place.</summary>
internal static class CrontabPrefix
{
    private static readonly string[] ZonePrefixes = ["CRON_TZ=", "TZ="];

    // The time macros of Vixie cron and cronie, compared case-sensitively as they do. @reboot has no fire time.
    private static readonly Dictionary<string, string> Macros = new(StringComparer.Ordinal)
    {
        ["@yearly"] = "0 0 1 1 *",
        ["@annually"] = "0 0 1 1 *",
        ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0",
        ["@daily"] = "0 0 * * *",
        ["@midnight"] = "0 0 * * *",
        ["@hourly"] = "0 * * * *",
    };

    /// <summary>Takes a leading "CRON_TZ=Area/City " or "TZ=Area/City " off <paramref name="text"/>.</summary>
    public static bool TryTakeZone(ref string text, out TimeZoneInfo? zone, out string error)
    {
        zone = null;
        error = "";
        foreach (var prefix in ZonePrefixes)
        {
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var end = text.IndexOfAny([' ', '\t']);
            var id = end < 0 ? text[prefix.Length..] : text[prefix.Length..end];
            if (!TimeZones.TryFind(id, out zone))
            {
                error = id.Length == 0 ? $"has {prefix} with no time zone" : $"names an unknown time zone '{id}' (use an IANA id such as Europe/Berlin)";
                return false;
            }

            text = end < 0 ? "" : text[end..].Trim(' ', '\t');
            if (text.Length == 0)
            {
                error = $"has no schedule after {prefix}{id}";
                return false;
            }

            return true;
        }

        return true;
    }

    /// <summary>Replaces a macro such as @daily with its fields.</summary>
    public static bool TryExpandMacro(ref string text, out string error)
    {
        error = "";
        if (!text.StartsWith('@'))
        {
            return true;
        }

        if (Macros.TryGetValue(text, out var fields))
        {
            text = fields;
            return true;
        }

        error = $"has an unsupported macro '{text}'; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly";
        return false;
    }
}
