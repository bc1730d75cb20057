using Npgsql;
using TaskCenter.Storage.Postgres.Database;
using TaskCenter.Testing;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>
/// A consumer's writes (lease, ack, nack) commit without waiting for the WAL flush: losing the last of them in a crash
/// only delivers a message again. Every other write keeps waiting for it. On a database of its own, at PostgreSQL's
/// default (synchronous_commit on), not the test databases' "off".
/// </summary>
public sealed class RedeliverableCommitTests
{
    [Fact]
    public async Task Consumer_writes_commit_without_waiting_for_the_flush_and_the_rest_waits_keeping_the_users_options()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await SharedPostgres.NewDatabaseAsync("commits"))
        {
            Options = "-c lock_timeout=4321",
        }.ConnectionString;
        await using var db = new PostgresDatabase(new PostgresStorageOptions { ConnectionString = connectionString, Schema = "commits" });
        await db.InitializeAsync(CancellationToken.None);

        Assert.Equal(("on", "4321ms"), await db.RunAsync(SettingsAsync, CancellationToken.None));
        Assert.Equal(("on", "4321ms"), await db.RunInTransactionAsync(SettingsAsync, CancellationToken.None));
        Assert.Equal(("off", "4321ms"), await db.RunRedeliverableAsync(SettingsAsync, CancellationToken.None));
        Assert.Equal(("off", "4321ms"), await db.RunRedeliverableInTransactionAsync(SettingsAsync, CancellationToken.None));
    }

    private static async Task<(string SynchronousCommit, string LockTimeout)> SettingsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT current_setting('synchronous_commit'), current_setting('lock_timeout')", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetString(0), reader.GetString(1));
    }
}
