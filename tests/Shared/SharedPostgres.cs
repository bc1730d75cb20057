using System.Globalization;

namespace TaskCenter.Testing;

/// <summary>
/// One real PostgreSQL server for the whole test run, started on first use (loopback, a free port, a temp folder) and
/// stopped when the test process exits, or before by <see cref="StopAsync"/>; every caller gets a fresh empty database
/// on it. Tests that stop the database start a <see cref="PostgresServer"/> of their own instead.
/// </summary>
public static class SharedPostgres
{
    private static readonly Lazy<Task<PostgresServer>> s_server = new(() => PostgresServer.StartAsync());
    private static int s_databases;

    /// <summary>A connection string to a new, empty database named after <paramref name="purpose"/>.</summary>
    public static async Task<string> NewDatabaseAsync(string purpose)
    {
        var server = await s_server.Value;
        var number = Interlocked.Increment(ref s_databases).ToString(CultureInfo.InvariantCulture);
        return await server.CreateDatabaseAsync($"{purpose}_{number}");
    }

    /// <summary>Stops the server and deletes its folder, if it was started.</summary>
    public static async Task StopAsync()
    {
        if (s_server.IsValueCreated && s_server.Value.IsCompletedSuccessfully)
        {
            await s_server.Value.Result.DisposeAsync();
        }
    }
}
