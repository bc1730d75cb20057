using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Tests;

public sealed class MigrationTests : IDisposable
{
    private readonly TestDatabase _db = new();

    public void Dispose() => _db.Dispose();

    [Fact]
    public void Scripts_are_embedded_in_version_order()
    {
        Assert.NotEmpty(SchemaMigrator.Scripts);
        Assert.Equal(1, SchemaMigrator.Scripts[0].Version);
        Assert.Equal("001_initial.sql", SchemaMigrator.Scripts[0].Name);
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.Scripts.Count), SchemaMigrator.Scripts.Select(s => s.Version));
        Assert.Equal(SchemaMigrator.Scripts.Select(s => s.Version).Order(), SchemaMigrator.Scripts.Select(s => s.Version));
    }

    [Fact]
    public async Task Initialize_is_idempotent_on_one_instance_and_across_instances()
    {
        var store = await _db.OpenAsync();
        await store.Ledger.InitializeAsync(CancellationToken.None);
        store.Dispose();
        var again = await _db.OpenAsync();
        await again.Ledger.InitializeAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrator.Scripts.Count, _db.Scalar("SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(SchemaMigrator.LatestVersion, _db.Scalar("SELECT MAX(version) FROM schema_version"));
        foreach (var table in new[] { "tasks", "fires", "deliveries", "consumer_groups" })
        {
            Assert.Equal(1, _db.Scalar($"SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = '{table}'"));
        }
    }

    [Fact]
    public async Task A_database_at_an_older_version_is_brought_up_to_date()
    {
        CreateAtVersion(1); // A file created by a build that knew only 001_initial.sql.

        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'ix_fires_age'"));

        await _db.OpenAsync();

        Assert.Equal(SchemaMigrator.LatestVersion, _db.Scalar("SELECT MAX(version) FROM schema_version"));
        Assert.Equal(0, _db.Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'ix_fires_age'"));
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'ix_fires_unrouted_age'"));
    }

    [Fact]
    public async Task A_database_at_version_3_gets_the_management_tables_and_keeps_its_rows()
    {
        // A file created by a build that knew 001 to 003, with a fire and its delivery in it.
        CreateAtVersion(3, """
            INSERT INTO fires (msg_id, task_id, name, data, fire_time, recorded_at, lease_ms, ack, unrouted, unpublished)
            VALUES ('m1', 't1', 'a', 'd', 1000, 1000, NULL, 0, 0, 0);
            INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at) VALUES ('g', 'm1', 'leased', 1, 1000, 2000);
            """);

        var store = await _db.OpenAsync();

        Assert.Equal(SchemaMigrator.LatestVersion, _db.Scalar("SELECT MAX(version) FROM schema_version"));
        foreach (var table in new[] { "delivery_outcomes", "instances" })
        {
            Assert.Equal(1, _db.Scalar($"SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = '{table}'"));
        }

        var entry = Assert.Single(await store.Reader.GetFireHistoryAsync("t1", 10, null, CancellationToken.None));
        Assert.Null(entry.PublishedAt);
        var delivery = Assert.Single(entry.Deliveries);
        Assert.Equal(("g", Core.Storage.FireDeliveryState.Leased, 1, (DateTimeOffset?)null), (delivery.Group, delivery.State, delivery.Attempts, delivery.FirstDeliveredAt));
        Assert.Equal(["m1"], (await store.Ledger.AckAsync("g", ["m1"], Build.T0, CancellationToken.None)).Acked);
        Assert.Equal(1, _db.Scalar("SELECT COUNT(*) FROM delivery_outcomes WHERE msg_id = 'm1' AND acked_at IS NOT NULL"));
    }

    [Fact]
    public async Task A_stored_subscription_over_the_tag_limit_is_replaced_at_start_with_a_warning_naming_the_group()
    {
        // A file of a build without limits: a subscription of 300 tags, one of two, a message pending for the wide one.
        var wide = string.Join(" || ", Enumerable.Range(0, 300).Select(i => $"t{i:D3}"));
        CreateAtVersion(4, $"""
            INSERT INTO consumer_groups (name, filter, subscribed_at) VALUES ('wide', '{wide}', 1000), ('two', 'a || b', 1000);
            INSERT INTO fires (msg_id, task_id, name, data, fire_time, recorded_at, lease_ms, ack, unrouted, unpublished)
            VALUES ('m1', 't1', 't001', 'd', 1000, 1000, NULL, 0, 0, 0);
            INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at) VALUES ('wide', 'm1', 'ready', 0, 1000, 1000);
            """);
        var logger = new FakeLogger();

        using var store = StoragePorts.Create(services => services.AddTaskCenterSqlite(o => o.Path = _db.Path), logger: logger);
        await store.Ledger.InitializeAsync(CancellationToken.None);

        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Consumer group wide had a stored subscription of 300 tags, over Limits:MaxTagsPerSubscription (256)", warning.Message, StringComparison.Ordinal);
        var groups = await store.Ledger.ListGroupsAsync(null, 10, _ => true, CancellationToken.None);
        Assert.Equal([("two", "a || b"), ("wide", "")], groups.Select(g => (g.Name, g.Subscription.Expression)));
        Assert.Equal("m1", Assert.Single(await store.Ledger.LeaseAsync("wide", 10, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None)).MsgId);

        // A second start finds nothing over the limit: no warning again.
        using var again = StoragePorts.Create(services => services.AddTaskCenterSqlite(o => o.Path = _db.Path), logger: logger);
        await again.Ledger.InitializeAsync(CancellationToken.None);
        Assert.Single(logger.Collector.GetSnapshot());
    }

    /// <summary>Writes the file an older build would have: the scripts up to <paramref name="version"/>, then <paramref name="rows"/>.</summary>
    private void CreateAtVersion(int version, string rows = "")
    {
        using var connection = _db.Connect();
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SchemaCommands.CreateVersionTable + ";\n"
            + string.Concat(SchemaMigrator.Scripts.Take(version).Select(s => s.Sql
                + $";\nINSERT INTO schema_version (version, name) VALUES ({s.Version}, '{s.Name}');\n"))
            + rows;
        command.ExecuteNonQuery();
        transaction.Commit();
    }

    [Fact]
    public async Task The_file_is_in_WAL_mode()
    {
        await _db.OpenAsync();

        using var connection = _db.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    [Fact]
    public async Task A_schema_newer_than_the_build_is_refused()
    {
        (await _db.OpenAsync()).Dispose();
        using (var connection = _db.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO schema_version (version, name) VALUES (999, '999_future.sql')";
            command.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _db.OpenAsync());
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_folder_of_the_path_is_created()
    {
        var path = Path.Combine(_db.Folder, "nested", "deeper", "tc.db");
        using var store = StoragePorts.Create(services => services.AddTaskCenterSqlite(o =>
        {
            o.Path = path;
            o.Synchronous = SqliteSynchronous.Normal;
        }));
        await store.Ledger.InitializeAsync(CancellationToken.None);

        Assert.True(File.Exists(path));
        Assert.Equal(path, store.Services.GetRequiredService<SqliteDatabase>().FilePath);
    }

    [Fact]
    public async Task Using_the_store_before_InitializeAsync_fails_clearly()
    {
        using var store = StoragePorts.Create(services => services.AddTaskCenterSqlite(o => o.Path = _db.Path));

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Ledger.GetEarliestFireAsync(CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Tasks.AddAsync(Build.Task(), CancellationToken.None));
    }
}
