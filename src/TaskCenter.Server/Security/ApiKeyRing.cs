using System.Security.Cryptography;
using System.Text;

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

    /// <summary>Reads and checks the keys; throws naming the first bad entry (empty key, unknown role, duplicate key or name).</summary>
    public static ApiKeyRing From(IConfiguration configuration)
    {
        var entries = new List<(byte[] Hash, ApiKey Key)>();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in configuration.GetSection(Section).GetChildren())
        {
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

            entries.Add((hash, new ApiKey(name, role)));
        }

        return new ApiKeyRing(entries);
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
