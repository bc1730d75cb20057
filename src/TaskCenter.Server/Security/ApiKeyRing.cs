using System.Security.Cryptography;
using System.Text;
using TaskCenter.Core.Access;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Server.Security;

/// <summary>
/// The configured API keys, read from <c>Security:ApiKeys</c> and checked at start. Keys are held as SHA-256 hashes and
/// compared in constant time, against every entry, so neither a key's bytes nor its position leak through timing.
/// </summary>
public sealed class ApiKeyRing
{
    public const string Section = "Security:ApiKeys";

    private readonly List<(byte[] Hash, ApiKey Key)> _entries;

    private ApiKeyRing(List<(byte[] Hash, ApiKey Key)> entries) => _entries = entries;

    /// <summary>No keys configured: the server runs open (see <see cref="OpenAccessGuard"/>).</summary>
    public bool IsEmpty => _entries.Count == 0;

    /// <summary>
    /// Reads and checks the keys; throws naming the first bad entry (empty key, unknown role, duplicate key or name, a
    /// scope pattern that is not one, a negative rate).
    /// </summary>
    public static ApiKeyRing From(IConfiguration configuration)
    {
        var entries = new List<(byte[] Hash, ApiKey Key)>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
            // A misspelt setting (Scope for Scopes) would leave a key with more rights than meant: refuse it.
            RefuseUnknown(entry, "Name", "Key", "Role", "Scopes", "RateLimit");
            RefuseUnknown(entry.GetSection("Scopes"), "Tasks", "Groups");
            RefuseUnknown(entry.GetSection("RateLimit"), nameof(RequestRate.PermitsPerSecond), nameof(RequestRate.Burst));
            var secret = entry["Key"];
            if (string.IsNullOrWhiteSpace(secret))
            {
                throw Refused($"{entry.Path}:Key is empty; every API key needs a non-empty Key");
            }

            var role = ApiKeyRole.All.FirstOrDefault(r => string.Equals(r, entry["Role"]?.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw Refused($"{entry.Path}:Role is '{entry["Role"]}'; it must be one of: {string.Join(", ", ApiKeyRole.All)}");
            var name = entry["Name"] is { Length: > 0 } given ? given : $"key {entry.Key}";
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
            if (entries.FindIndex(e => CryptographicOperations.FixedTimeEquals(e.Hash, hash)) is var same and >= 0)
            {
                throw Refused($"{entry.Path}:Key is the same key as {names[entries[same].Key.Name]}; each API key must be distinct");
            }

            if (!names.TryAdd(name, entry.Path))
            {
                throw Refused($"{entry.Path}:Name '{name}' is already the name of {names[name]}; each API key needs a distinct Name");
            }

            entries.Add((hash, new ApiKey(name, role) { Scopes = ScopesOf(entry), Rate = RateOf(entry) }));
        }

        return new ApiKeyRing(entries);
    }

    /// <summary>
    /// <c>Scopes:Tasks</c> and <c>Scopes:Groups</c>, each a list of patterns (or one string of them separated by commas, handy
    /// in an environment variable); an entry without <c>Scopes</c> is unscoped.
    /// </summary>
    private static KeyScopes ScopesOf(IConfigurationSection entry)
    {
        // Present, even empty ("Scopes": {} reads as a key without value or children), means scoped: it fails closed.
        if (!entry.GetChildren().Any(child => child.Key.Equals("Scopes", StringComparison.OrdinalIgnoreCase)))
        {
            return KeyScopes.Unscoped;
        }

        var scopes = entry.GetSection("Scopes");
        var result = new KeyScopes(Patterns(scopes.GetSection("Tasks")), Patterns(scopes.GetSection("Groups")));
        return result.Tasks.Patterns.Count + result.Groups.Patterns.Count > 0
            ? result
            : throw Refused($"{scopes.Path} lists no task names and no groups; list patterns under {scopes.Path}:Tasks and " +
                $"{scopes.Path}:Groups, or leave Scopes out for a key that may touch everything");
    }

    private static NameScope Patterns(IConfigurationSection list)
    {
        var items = list.Value is { } joined
            ? joined.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => (list.Path, Text: t))
            : list.GetChildren().Select(child => (child.Path, Text: child.Value ?? ""));
        var patterns = new List<NamePattern>();
        foreach (var (path, text) in items)
        {
            patterns.Add(NamePattern.TryParse(text.Trim(), out var pattern, out var error)
                ? pattern
                : throw Refused($"{path}: {error}; a pattern is a name, a prefix ending in * (billing.*) or *"));
        }

        return NameScope.Of(patterns);
    }

    private static RequestRate? RateOf(IConfigurationSection entry)
    {
        var section = entry.GetSection("RateLimit");
        if (!section.Exists())
        {
            return null;
        }

        var rate = section.Get<RequestRate>() ?? new RequestRate();
        return rate.Check(section.Path) is { } problem ? throw Refused(problem) : rate;
    }

    private static void RefuseUnknown(IConfigurationSection section, params string[] known)
    {
        if (section.GetChildren().FirstOrDefault(child => !known.Contains(child.Key, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw Refused($"{unknown.Path} is not a setting of an API key; {section.Path} takes {string.Join(", ", known)}");
        }
    }

    /// <summary>The key matching <paramref name="secret"/>, or <see langword="null"/>.</summary>
    public ApiKey? Find(string secret)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(secret));
        ApiKey? found = null;
        foreach (var (candidate, key) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(candidate, hash))
            {
                found = key;
            }
        }

        return found;
    }

    private static InvalidOperationException Refused(string problem) => new($"The server refuses to start: {problem}.");
}
