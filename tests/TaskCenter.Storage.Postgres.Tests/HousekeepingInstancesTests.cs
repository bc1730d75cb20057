using Npgsql;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>Housekeeping with several instances: one purges at a time, the others skip their pass instead of waiting.</summary>
public sealed class HousekeepingInstancesTests(ClassDatabase database) : IClassFixture<ClassDatabase>, IAsyncLifetime
{
    private readonly SharedSchema _schema = new(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DisposeAsync().AsTask();

    [Fact]
    public async Task An_instance_skips_the_purge_while_another_one_purges()
    {
        var store = await _schema.OpenAsync("a");
        var task = Build.Task("orphan", data: "kept", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(task, CancellationToken.None);
        await store.Ledger.CommitAsync([Build.Advance(task, TaskState.Active, Build.T0.AddMinutes(1), null, Build.Fire(task, Build.T0))], CancellationToken.None);
        var pastRetention = Build.T0.AddDays(30);

        // Another instance's purge, as a session holding the housekeeping lock in its open transaction.
        await using (var other = new NpgsqlConnection(database.ConnectionString))
        {
            await other.OpenAsync();
            await using var transaction = await other.BeginTransactionAsync();
            await using (var hold = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@lock, 0))", other, transaction))
            {
                hold.Parameters.AddWithValue("lock", _schema.Name + "/housekeeping");
                await hold.ExecuteScalarAsync();
            }

            Assert.Equal(0, await store.Ledger.PurgeExpiredAsync(pastRetention, CancellationToken.None));
            Assert.Equal(1, _schema.Scalar("SELECT COUNT(*) FROM fires WHERE unrouted"));
        }

        Assert.Equal(1, await store.Ledger.PurgeExpiredAsync(pastRetention, CancellationToken.None));
        Assert.Equal(0, _schema.Scalar("SELECT COUNT(*) FROM fires"));
    }
}
