namespace TaskCenter.Server.Tests.Security;

/// <summary>One API key per role, and the settings that configure them on a test server.</summary>
public static class TestKeys
{
    public const string Admin = "admin-key-5f2c";
    public const string Producer = "producer-key-91ab";
    public const string Consumer = "consumer-key-07de";
    public const string Viewer = "viewer-key-c3e8";

    public static string Of(string role) => role switch
    {
        "admin" => Admin,
        "producer" => Producer,
        "consumer" => Consumer,
        "viewer" => Viewer,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static Dictionary<string, string?> OnePerRole() => Settings(
        ("admin", Admin, "admin"), ("producer", Producer, "producer"), ("consumer", Consumer, "consumer"), ("viewer", Viewer, "viewer"));

    public static Dictionary<string, string?> Settings(params (string Name, string Key, string Role)[] keys)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Security:ApiKeys:{i}:Name"] = keys[i].Name;
            settings[$"Security:ApiKeys:{i}:Key"] = keys[i].Key;
            settings[$"Security:ApiKeys:{i}:Role"] = keys[i].Role;
        }

        return settings;
    }
}
