namespace TaskCenter.Testing;

/// <summary>The storage and delivery a test server runs on; suites run once per backend.</summary>
public enum TestBackend
{
    /// <summary>The embedded default: a SQLite file in the server's data folder, the built-in queue.</summary>
    Sqlite,

    /// <summary>A fresh database on the test run's PostgreSQL server, the built-in queue.</summary>
    Postgres,
}

public static class TestBackends
{
    /// <summary>The configuration that puts a new server on <paramref name="backend"/> (fresh storage each call).</summary>
    public static async Task<Dictionary<string, string?>> SettingsAsync(TestBackend backend) => backend switch
    {
        TestBackend.Sqlite => [],
        TestBackend.Postgres => new()
        {
            ["Storage:Provider"] = "Postgres",
            ["Storage:Postgres:ConnectionString"] = await SharedPostgres.NewDatabaseAsync("server"),
        },
        _ => throw new ArgumentOutOfRangeException(nameof(backend), backend, null),
    };
}
