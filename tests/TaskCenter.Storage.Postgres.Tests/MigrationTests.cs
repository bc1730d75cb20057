using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Npgsql;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.Tests;

public sealed class MigrationTests(ClassDatabase database) : IClassFixture<ClassDatabase>, IAsyncLifetime
{
    private readonly SharedSchema _schema = new(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DisposeAsync().AsTask();

    [Fact]
    public void Scripts_are_embedded_in_version_order()
    {
        Assert.NotEmpty(SchemaMigrator.Scripts);
        Assert.Equal("001_initial.sql", SchemaMigrator.Scripts[0].Name);
        Assert.Equal(Enumerable.Range(1, SchemaMigrator.Scripts.Count), SchemaMigrator.Scripts.Select(s => s.Version));
    }

    [Fact]
    public async Task Initialize_is_idempotent_and_puts_every_table_in_the_schema()
    {
        var store = await _schema.OpenAsync("first");
        await store.Ledger.InitializeAsync(CancellationToken.None);
        await (await _schema.OpenAsync("second")).Ledger.InitializeAsync(CancellationToken.None);

        Assert.Equal(SchemaMigrator.Scripts.Count, _schema.Scalar("SELECT count(*) FROM schema_version"));
        Assert.Equal(SchemaMigrator.LatestVersion, _schema.Scalar("SELECT max(version) FROM schema_version"));
        Assert.Equal(
            7,
            _schema.Scalar($"""
                SELECT count(*) FROM information_schema.tables WHERE table_schema = '{_schema.Name}'
                AND table_name IN ('tasks', 'fires', 'deliveries', 'consumer_groups', 'schema_version', 'delivery_outcomes', 'instances')
                """));
        Assert.Equal(0, _schema.Scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"));
    }

    [Fact]
    public async Task A_version_1_schema_in_use_migrates_to_the_latest_keeping_its_rows()
    {
        // A schema as a build with only 001_initial.sql left it: a task, its fire, a delivery leased before the upgrade.
        var initial = SchemaMigrator.Scripts[0];
        var task = Build.Task("old", data: "d", nextFireAt: Build.T0);
        var t0 = Build.T0.ToUnixTimeMilliseconds();
        _schema.Scalar($"""
            CREATE SCHEMA "{_schema.Name}";
            {initial.Sql}
            CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO schema_version (version, name) VALUES (1, '{initial.Name}');
            INSERT INTO tasks (id, name, type, data, state, next_fire_at, created_at)
              VALUES ('{task.Id}', 'old', 1, convert_to('d', 'UTF8'), 'pending', {t0}, {task.CreatedAt.ToUnixTimeSeconds()});
            INSERT INTO consumer_groups (name, filter, tags, subscribed_at) VALUES ('g', '*', NULL, {t0});
            INSERT INTO fires (msg_id, task_id, name, data, fire_time, recorded_at) VALUES ('m1', '{task.Id}', 'old', 'd', {t0}, {t0});
            INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at) VALUES ('g', 'm1', 'leased', 1, {t0}, {t0 + 60_000});
            SELECT 0
            """);

        var store = await _schema.OpenAsync("upgraded");

        Assert.Equal(SchemaMigrator.LatestVersion, _schema.Scalar("SELECT max(version) FROM schema_version"));
        Assert.Equal(SchemaMigrator.Scripts.Count, _schema.Scalar("SELECT count(*) FROM schema_version"));
        Assert.Equal(task.Id, (await store.Reader.GetAsync(task.Id, CancellationToken.None))?.Id);
        Assert.Equal(["m1"], (await store.Ledger.AckAsync("g", ["m1"], Build.T0.AddSeconds(5), CancellationToken.None)).Acked);
        var fire = Assert.Single(await store.Reader.GetFireHistoryAsync(task.Id, 10, null, CancellationToken.None));
        var delivery = Assert.Single(fire.Deliveries);
        Assert.Equal(
            (FireDeliveryState.Acked, 1, (DateTimeOffset?)null, (DateTimeOffset?)Build.T0.AddSeconds(5)),
            (delivery.State, delivery.Attempts, delivery.FirstDeliveredAt, delivery.DoneAt));
        Assert.Null(fire.PublishedAt);
    }

    [Fact]
    public async Task Subscriptions_of_a_version_2_schema_are_indexed_at_start_and_one_over_the_tag_limit_is_replaced_with_a_warning()
    {
        // A schema as a build without limits left it: a subscription of 300 tags, one of "*", one of two tags.
        var t0 = Build.T0.ToUnixTimeMilliseconds();
        var wide = Enumerable.Range(0, 300).Select(i => $"t{i:D3}").ToArray();
        var (wideFilter, wideArray) = (string.Join(" || ", wide), "{" + string.Join(",", wide) + "}");
        _schema.Scalar($"""
            CREATE SCHEMA "{_schema.Name}";
            {string.Concat(SchemaMigrator.Scripts.Take(2).Select(s => s.Sql + ";\n"))}
            CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
            INSERT INTO schema_version (version, name) VALUES (1, '{SchemaMigrator.Scripts[0].Name}'), (2, '{SchemaMigrator.Scripts[1].Name}');
            INSERT INTO consumer_groups (name, filter, tags, subscribed_at) VALUES
              ('wide', '{wideFilter}', '{wideArray}', {t0}),
              ('star', '*', NULL, {t0}),
              ('two', 'a || t001', ARRAY['a', 't001'], {t0});
            SELECT 0
            """);
        var logger = new FakeLogger();

        var store = await _schema.OpenAsync("upgraded", logger: logger);
        var task = Build.Task("t001", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(task, CancellationToken.None);
        var fire = Build.Fire(task, Build.T0);
        await store.Ledger.CommitAsync([Build.Advance(task, Core.Tasks.TaskState.Active, Build.T0.AddMinutes(1), null, fire)], CancellationToken.None);

        var warning = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Consumer group wide had a stored subscription of 300 tags, over Limits:MaxTagsPerSubscription (256)", warning.Message, StringComparison.Ordinal);
        Assert.Equal(3, _schema.Scalar("SELECT count(*) FROM subscription_patterns"));
        foreach (var group in new[] { "star", "two" })
        {
            Assert.Equal(fire.MsgId, Assert.Single(await store.Ledger.LeaseAsync(group, 10, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None)).MsgId);
        }

        Assert.Empty(await store.Ledger.LeaseAsync("wide", 10, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None));
        await _schema.OpenAsync("again", logger: logger);
        Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(3, _schema.Scalar("SELECT count(*) FROM subscription_patterns"));
    }

    [Fact]
    public async Task Instances_starting_together_apply_each_script_once()
    {
        var starting = Enumerable.Range(0, 6).Select(i => Task.Run(() => _schema.OpenAsync($"starter{i}")));

        await Task.WhenAll(starting);

        Assert.Equal(SchemaMigrator.Scripts.Count, _schema.Scalar("SELECT count(*) FROM schema_version"));
    }

    [Theory]
    [InlineData("CREATE")]
    [InlineData("owns its schema")]
    public async Task A_role_with_only_the_privileges_deployment_md_names_migrates_and_runs(string privilege)
    {
        // docs/deployment.md: CONNECT on the database and either CREATE on it (the schema is created at the first start)
        // or a schema an administrator made for the role; nothing else (no superuser, not the database's owner).
        var role = $"{_schema.Name}_{Guid.NewGuid():N}"[..30];
        var grant = privilege == "CREATE"
            ? $"GRANT CREATE ON DATABASE \"{database.DatabaseName}\" TO \"{role}\";"
            : $"CREATE SCHEMA \"{_schema.Name}\" AUTHORIZATION \"{role}\";";
        _schema.Scalar($"""
            CREATE ROLE "{role}" LOGIN PASSWORD 'role-secret';
            REVOKE ALL ON DATABASE "{database.DatabaseName}" FROM PUBLIC;
            GRANT CONNECT ON DATABASE "{database.DatabaseName}" TO "{role}";
            {grant}
            SELECT 0
            """);
        var asRole = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = "role-secret" }.ConnectionString;

        await using (var first = PostgresPorts.Create(new PostgresStorageOptions { ConnectionString = asRole, Schema = _schema.Name }))
        {
            await first.Ledger.InitializeAsync(CancellationToken.None);
        }

        await using var store = PostgresPorts.Create(new PostgresStorageOptions { ConnectionString = asRole, Schema = _schema.Name });
        await store.Ledger.InitializeAsync(CancellationToken.None); // a restart: the schema exists now
        var task = Build.Task("owned", data: "d", nextFireAt: Build.T0);
        await store.Tasks.AddAsync(task, CancellationToken.None);
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        await store.Ledger.CommitAsync([Build.Advance(task, Core.Tasks.TaskState.Finished, null, Build.T0, Build.Fire(task, Build.T0))], CancellationToken.None);

        Assert.Equal(SchemaMigrator.LatestVersion, _schema.Scalar("SELECT max(version) FROM schema_version"));
        Assert.Equal(1, _schema.Scalar($"SELECT count(*) FROM pg_namespace WHERE nspname = '{_schema.Name}' AND nspowner = '{role}'::regrole"));
        Assert.Single(await store.Ledger.LeaseAsync("g", 10, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None));
        Assert.Equal(
            privilege == "CREATE" ? 1 : 0,
            _schema.Scalar($"SELECT count(*) FROM pg_database WHERE datname = current_database() AND has_database_privilege('{role}', oid, 'CREATE')"));
    }

    [Fact]
    public async Task A_schema_newer_than_the_build_is_refused()
    {
        await _schema.OpenAsync("current");
        _schema.Scalar("WITH future AS (INSERT INTO schema_version (version, name) VALUES (999, '999_future.sql') RETURNING 1) SELECT count(*) FROM future");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _schema.OpenAsync("old build"));
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_schemas_in_one_database_are_two_separate_storages()
    {
        await using var other = new SharedSchema(database);
        var here = await _schema.OpenAsync("here");
        var there = await other.OpenAsync("there");
        var task = Build.Task("only-here", data: "d");

        await here.Tasks.AddAsync(task, CancellationToken.None);

        Assert.NotNull(await here.Reader.GetAsync(task.Id, CancellationToken.None));
        Assert.Null(await there.Reader.GetAsync(task.Id, CancellationToken.None));
        Assert.True((await there.Tasks.AddAsync(task with { Id = Build.NewId() }, CancellationToken.None)).Created);
    }

    [Fact]
    public async Task Sessions_run_in_the_schema_with_the_take_over_timeout()
    {
        var store = await _schema.OpenAsync("settings", options => options.TakeOverTimeout = TimeSpan.FromSeconds(7));

        var settings = await store.Database().RunAsync(
            async connection =>
            {
                await using var show = new NpgsqlCommand("SELECT current_setting('search_path') || ' ' || current_setting('idle_in_transaction_session_timeout')", connection);
                return (string)(await show.ExecuteScalarAsync())!;
            },
            CancellationToken.None);

        Assert.Equal($"{_schema.Name} 7s", settings);
    }

    [Fact]
    public async Task Using_the_store_before_InitializeAsync_is_unavailable_as_a_database_that_is_down()
    {
        await using var store = PostgresPorts.Create(database.Options(_schema.Name));

        var read = await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Ledger.GetEarliestFireAsync(CancellationToken.None));
        await Assert.ThrowsAsync<StorageUnavailableException>(() => store.Tasks.AddAsync(Build.Task(), CancellationToken.None));
        Assert.Contains("not initialized yet", read.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "taskcenter", "ConnectionString")]
    [InlineData(" ", "taskcenter", "ConnectionString")]
    [InlineData("Host=localhost", "Task-Center", "Schema")]
    [InlineData("Host=localhost", "", "Schema")]
    [InlineData("Host=localhost;Nonsense=1", "taskcenter", "ConnectionString")]
    public void Missing_or_invalid_settings_are_refused_naming_the_setting(string? connectionString, string schema, string named)
    {
        var options = new PostgresStorageOptions { ConnectionString = connectionString, Schema = schema };

        var error = Assert.Throws<InvalidOperationException>(() => PostgresPorts.Create(options, new QueueOptions()));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }
}
