using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;
using TaskCenter.Storage.Postgres.Ledger;
using TaskCenter.Storage.Postgres.Push;
using TaskCenter.Storage.Postgres.TaskStore;
using TaskCenter.Testing;
using Xunit.Abstractions;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>
/// Scale check (no timing): with many rows, analyzed, the engine's, the API's and the consumers' queries search their
/// index; none scans a large table. The plans are written to the test output, with their actual run (EXPLAIN ANALYZE,
/// rolled back). Set TASKCENTER_PLAN_TASKS (e.g. 10000000) to check and print them at another size.
/// </summary>
public sealed partial class QueryPlanTests(QueryPlanTests.LargeDatabase large, ITestOutputHelper output) : IClassFixture<QueryPlanTests.LargeDatabase>
{
    private static readonly string[] LargeTables = ["tasks", "fires", "deliveries", "delivery_outcomes", "subscription_patterns", "push_attempts"];

    /// <summary>
    /// Tasks in four states, half as many fires (a tenth unrouted, a tenth in the outbox), deliveries for the rest in
    /// three groups, and as many acked outcomes in a fourth group and push attempts in a fifth; besides those groups, 1,000 idle ones of 256 tags
    /// each and 100 of a prefix each, so routing must look its patterns up, not read them all.
    /// </summary>
    public sealed class LargeDatabase : IAsyncLifetime
    {
        public static int TaskCount { get; } =
            int.TryParse(Environment.GetEnvironmentVariable("TASKCENTER_PLAN_TASKS"), CultureInfo.InvariantCulture, out var count) ? count : 200_000;

        public string ConnectionString { get; private set; } = "";

        public async Task InitializeAsync()
        {
            ConnectionString = await SharedPostgres.NewDatabaseAsync("plans");
            await using (var storage = PostgresPorts.Create(new PostgresStorageOptions { ConnectionString = ConnectionString }))
            {
                await storage.Ledger.InitializeAsync(CancellationToken.None);
            }

            await using var connection = await OpenAsync();
            await using var load = new NpgsqlCommand(
                """
                INSERT INTO tasks (id, name, type, data, loop_time, state, next_fire_at, created_at, finished_at)
                SELECT lpad(to_hex(i), 24, '0'), 'name' || (i % 1000), 2, convert_to(i::text, 'UTF8'), 60,
                       (ARRAY['pending', 'active', 'paused', 'finished'])[i % 4 + 1],
                       CASE WHEN i % 4 = 3 THEN NULL ELSE @t0 + i * 1000::bigint END,
                       @t0 / 1000 + i,
                       CASE WHEN i % 4 = 3 THEN @t0 + i * 1000::bigint END
                FROM generate_series(0, @tasks - 1) AS i;

                INSERT INTO fires (msg_id, task_id, name, data, fire_time, recorded_at, unrouted, unpublished)
                SELECT 'm' || lpad(to_hex(i), 23, '0'), lpad(to_hex(i), 24, '0'), 'tag' || (i % 100), convert_to('x', 'UTF8'),
                       @t0 + i * 1000::bigint, @t0 + i * 1000::bigint, i % 10 = 9, i % 10 = 8
                FROM generate_series(0, @tasks / 2 - 1) AS i;

                INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at, dead_at)
                SELECT 'g' || CASE i % 3 WHEN 0 THEN '' ELSE (i % 3)::text END, 'm' || lpad(to_hex(i), 23, '0'),
                       (ARRAY['ready', 'ready', 'leased', 'dead'])[i % 4 + 1], 1, @t0 + i * 1000::bigint,
                       CASE WHEN i % 4 = 3 THEN NULL ELSE @t0 + i * 1000::bigint END,
                       CASE WHEN i % 4 = 3 THEN @t0 + i * 1000::bigint END
                FROM generate_series(0, @tasks / 2 - 1) AS i
                WHERE i % 10 < 8;

                INSERT INTO delivery_outcomes (msg_id, group_name, attempt, first_delivered_at, acked_at)
                SELECT 'm' || lpad(to_hex(i), 23, '0'), 'h', 1, @t0 + i * 1000::bigint, @t0 + i * 1000::bigint + 500
                FROM generate_series(0, @tasks / 2 - 1) AS i
                WHERE i % 10 < 8;

                INSERT INTO push_attempts (msg_id, group_name, attempt, sent_at, status, duration_ms)
                SELECT 'm' || lpad(to_hex(i), 23, '0'), 'p', 1, @t0 + i * 1000::bigint, 200, 15
                FROM generate_series(0, @tasks / 2 - 1) AS i
                WHERE i % 10 < 8;

                INSERT INTO consumer_groups (name, filter, subscribed_at)
                VALUES ('g', '*', @t0), ('g1', 'tag1', @t0), ('g2', 'tag2', @t0), ('h', '*', @t0);
                INSERT INTO subscription_patterns (pattern, group_name, prefix_length)
                VALUES ('*', 'g', 0), ('tag1', 'g1', NULL), ('tag2', 'g2', NULL), ('*', 'h', 0);

                INSERT INTO consumer_groups (name, filter, subscribed_at, owner_key)
                SELECT 'idle' || i, 'idle' || i || '-…', @t0, 'key' || (i % 10) FROM generate_series(0, 1099) AS i;
                INSERT INTO subscription_patterns (pattern, group_name, prefix_length)
                SELECT 'idle' || i || '-' || j, 'idle' || i, NULL FROM generate_series(0, 999) AS i, generate_series(0, 255) AS j;
                INSERT INTO subscription_patterns (pattern, group_name, prefix_length)
                SELECT 'idle' || i || '.*', 'idle' || i, length('idle' || i || '.') FROM generate_series(1000, 1099) AS i;

                ANALYZE;
                """,
                connection)
            {
                CommandTimeout = 3600,
            };
            load.Parameters.AddWithValue("t0", Build.T0.ToUnixTimeMilliseconds());
            load.Parameters.AddWithValue("tasks", TaskCount);
            await load.ExecuteNonQueryAsync();
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public async Task<NpgsqlConnection> OpenAsync()
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = "taskcenter" }.ConnectionString);
            await connection.OpenAsync();
            return connection;
        }
    }

    [Theory]
    [InlineData(typeof(TaskCommands), nameof(TaskCommands.LockDue), "ix_tasks_due", true)]
    [InlineData(typeof(TaskCommands), nameof(TaskCommands.EarliestFire), "ix_tasks_due", true)]
    [InlineData(typeof(TaskCommands), nameof(TaskCommands.CountDue), "ix_tasks_due", true)]
    [InlineData(typeof(TaskCommands), nameof(TaskCommands.ListPage), "tasks_pkey", false)]
    [InlineData(typeof(TaskCommands), nameof(TaskCommands.DeleteByName), "ix_tasks_name", false)]
    [InlineData(typeof(TaskCommands), nameof(TaskCommands.AddTasks), "ix_tasks_dedupe", false)]
    [InlineData(typeof(TaskCommands), nameof(TaskCommands.GetById), "tasks_pkey", false)]
    [InlineData(typeof(TaskCommands), nameof(TaskCommands.DeleteByIds), "tasks_pkey", false)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.WithdrawFutureFires), "ux_fires_task_time", false)]
    [InlineData(typeof(TaskCommands), nameof(TaskCommands.PurgeFinished), "ix_tasks_finished", false)]
    [InlineData(typeof(FireRecorder), "AdvanceRecordRoute", "tasks_pkey", false)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.LockLeaseCandidates), "ix_deliveries_available", true)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.NextReady), "ix_deliveries_available", true)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.MarkLeased), "deliveries_pkey", false)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.Ack), "deliveries_pkey", false)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.DeadLettersFirst), "ix_deliveries_dead", true)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.DeadLettersAfter), "ix_deliveries_dead", true)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.RedriveAll), "ix_deliveries_dead", false)]
    [InlineData(typeof(FireRecorder), "AdvanceRecordRoute", "subscription_patterns_pkey", false)]
    // The kept fires recorded since @since are few here, so their age index serves (else the name index, by range).
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.HandOver), "ix_fires_unrouted_age", false)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.DeletePatterns), "ix_subscription_patterns_group", false)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.GroupCounts), "ix_consumer_groups_owner", false)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.IndexUnindexed), "ix_subscription_patterns_group", false)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.PurgeUnrouted), "ix_fires_unrouted_age", false)]
    [InlineData(typeof(QueueCommands), nameof(QueueCommands.PurgeHistory), "ix_fires_routed_age", false)]
    [InlineData(typeof(HistoryCommands), nameof(HistoryCommands.Fires), "ux_fires_task_time", true)]
    [InlineData(typeof(HistoryCommands), nameof(HistoryCommands.Deliveries), "deliveries_pkey", false)]
    [InlineData(typeof(HistoryCommands), nameof(HistoryCommands.Deliveries), "delivery_outcomes_pkey", false)]
    [InlineData(typeof(CensusCommands), nameof(CensusCommands.Fires), "ix_fires_outbox", false)]
    [InlineData(typeof(OutboxCommands), nameof(OutboxCommands.LockDue), "ix_fires_outbox", true)]
    [InlineData(typeof(OutboxCommands), nameof(OutboxCommands.Earliest), "ix_fires_outbox", true)]
    [InlineData(typeof(OutboxCommands), nameof(OutboxCommands.Count), "ix_fires_outbox", true)]
    [InlineData(typeof(PushGroupCommands), nameof(PushGroupCommands.ListAttempts), "push_attempts_pkey", true)]
    [InlineData(typeof(PushGroupCommands), nameof(PushGroupCommands.PurgeAttempts), "ix_push_attempts_sent_at", false)]
    public async Task A_query_searches_its_index_and_scans_no_large_table(Type commands, string query, string index, bool inIndexOrder)
    {
        var sql = (string)commands.GetField(query, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        await using var connection = await large.OpenAsync();

        using var plan = JsonDocument.Parse(await ExplainAsync(connection, "EXPLAIN (FORMAT JSON) ", sql, rollBack: false));
        output.WriteLine($"-- {commands.Name}.{query} on {LargeDatabase.TaskCount:N0} tasks\n{sql}\n");
        output.WriteLine(await ExplainAsync(connection, "EXPLAIN (ANALYZE, BUFFERS) ", sql, rollBack: true));

        AssertSearches(plan, index, inIndexOrder);
    }

    /// <summary>
    /// Every form of the task list statement (TaskListQuery adds only the predicates a query needs) walks ix_tasks_name
    /// (paused tasks only: ix_tasks_paused) in order from its bound, forwards or backwards, and stops at the limit: a
    /// prefix with names after it, a deep page, one name (deep within it), residual filters.
    /// </summary>
    [Theory]
    [InlineData(null, null, null, null, false, false)]
    [InlineData(null, "name5", null, null, false, false)]
    [InlineData(null, "name5", null, null, true, false)]
    [InlineData(null, null, null, null, true, false)]
    [InlineData(null, "name5", TaskType.Interval, TaskState.Active, true, false)]
    [InlineData(null, null, null, TaskState.Finished, false, false)]
    [InlineData(null, null, null, TaskState.Paused, false, false)]
    [InlineData(null, "name5", TaskType.Interval, TaskState.Paused, true, false)]
    [InlineData("name55", null, null, null, false, false)]
    [InlineData("name55", null, null, null, true, false)]
    [InlineData("name55", null, null, null, false, true)]
    [InlineData(null, "name5", null, null, false, true)]
    public async Task Every_task_list_query_walks_its_index_in_order(
        string? name, string? prefix, TaskType? type, TaskState? state, bool afterACursor, bool descending)
    {
        var query = new TaskQuery
        {
            Name = name,
            NamePrefix = prefix,
            Type = type,
            State = state,
            Limit = 100,
            After = afterACursor ? new TaskCursor("name55", Build.T0.AddSeconds(55_055), 55_055.ToString("x24", CultureInfo.InvariantCulture)) : null,
            Descending = descending,
        }.Simplified()!;
        await using var connection = await large.OpenAsync();
        await using var command = TaskListQuery.Command(connection, query);
        var sql = command.CommandText;

        command.CommandText = "EXPLAIN (FORMAT JSON) " + sql;
        using var plan = JsonDocument.Parse((string)(await command.ExecuteScalarAsync())!);
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + sql;
        output.WriteLine($"-- TaskListQuery ({query}) on {LargeDatabase.TaskCount:N0} tasks\n{sql}\n");
        output.WriteLine(string.Join('\n', await command.ReadRowsAsync(row => row.GetString(0), CancellationToken.None)));

        // Paused tasks, few among many, have their own partial index in the list's order.
        AssertSearches(plan, state == TaskState.Paused ? "ix_tasks_paused" : "ix_tasks_name", inIndexOrder: true);
        if (name is not null && afterACursor)
        {
            // Deep within one name, the scan starts at the cursor: it is an index condition, not a filter of the name's tasks.
            Assert.Contains(Explain.Nodes(plan.RootElement[0].GetProperty("Plan")), node =>
                node.TryGetProperty("Index Cond", out var condition) && condition.GetString()!.Contains("created_at", StringComparison.Ordinal));
        }
    }

    private static void AssertSearches(JsonDocument plan, string index, bool inIndexOrder)
    {
        var nodes = Explain.Nodes(plan.RootElement[0].GetProperty("Plan")).ToList();
        Assert.Contains(nodes, node => node.TryGetProperty("Index Name", out var name) && name.GetString() == index);
        Assert.DoesNotContain(nodes, node => node.GetProperty("Node Type").GetString() == "Seq Scan"
            && LargeTables.Contains(node.GetProperty("Relation Name").GetString()));
        if (inIndexOrder)
        {
            // Everything is due (a burst, a backlog): the rows come in index order and the scan stops at the limit.
            Assert.DoesNotContain(nodes, node => node.GetProperty("Node Type").GetString() is "Sort" or "Incremental Sort");
        }
    }

    /// <summary>Runs EXPLAIN with the hard parameter values (a burst: everything due); with ANALYZE the statement runs in a transaction rolled back after.</summary>
    private static async Task<string> ExplainAsync(NpgsqlConnection connection, string explain, string sql, bool rollBack)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(explain + sql, connection) { CommandTimeout = 600 };
        AddParameters(command, sql);
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        if (rollBack)
        {
            await transaction.RollbackAsync();
        }

        return string.Join('\n', lines);
    }

    private static void AddParameters(NpgsqlCommand command, string sql)
    {
        var t0 = Build.T0.ToUnixTimeMilliseconds();
        var everything = t0 + 1_000_000_000_000; // every task due, every delivery available
        var a100 = Enumerable.Range(1000, 100).Select(i => i.ToString("x24", CultureInfo.InvariantCulture)).ToArray();
        var values = new Dictionary<string, object>
        {
            ["@dueBy"] = everything, ["@limit"] = 100, ["@cap"] = 1000, ["@now"] = everything, ["@before"] = t0 + 100_000,
            ["@since"] = t0 + (LargeDatabase.TaskCount / 2 - 1000) * 1000L, ["@name"] = "name5", ["@data"] = "5"u8.ToArray(), ["@id"] = a100[0], ["@ids"] = a100, ["@taskIds"] = a100,
            ["@group"] = "g", ["@afterMsgId"] = "m" + 1000.ToString("x23", CultureInfo.InvariantCulture),
            ["@msgIds"] = a100.Select(id => "m" + id[1..]).ToArray(), ["@leaseUntils"] = a100.Select(_ => t0).ToArray(),
            ["@firsts"] = new[] { "tag9", "tag1" }, ["@lasts"] = new[] { "tag9", "tag1\U0010FFFF" }, ["@patterns"] = new[] { "tag9", "tag1*" },
            ["@owner"] = "key1", ["@outbox"] = false, ["@versions"] = a100.Select(_ => 0L).ToArray(),
            ["@states"] = a100.Select(_ => "active").ToArray(), ["@firedCounts"] = a100.Select(_ => 1L).ToArray(),
            ["@nextFireAts"] = a100.Select(_ => (long?)t0).ToArray(), ["@finishedAts"] = a100.Select(_ => (long?)null).ToArray(),
            ["@datas"] = a100.Select(id => Encoding.UTF8.GetBytes(id)).ToArray(), ["@names"] = a100.Select(_ => "tag1").ToArray(), ["@fireTimes"] = a100.Select(_ => t0).ToArray(),
            ["@recordedAts"] = a100.Select(_ => t0).ToArray(), ["@leaseMs"] = a100.Select(_ => (long?)null).ToArray(),
            ["@acks"] = a100.Select(_ => false).ToArray(), ["@taskId"] = a100[0], ["@attempt"] = 0, ["@availableAt"] = everything,
            ["@newIds"] = a100.Select(id => "n" + id[1..]).ToArray(), ["@types"] = a100.Select(_ => (short)1).ToArray(),
            ["@crontabs"] = a100.Select(_ => "").ToArray(), ["@loopTimes"] = a100.Select(_ => 0L).ToArray(), ["@loopCounts"] = a100.Select(_ => 0L).ToArray(),
            ["@startTimes"] = a100.Select(_ => (long?)null).ToArray(), ["@endTimes"] = a100.Select(_ => (long?)null).ToArray(),
            ["@maxRuntimes"] = a100.Select(_ => 0L).ToArray(), ["@timeZones"] = a100.Select(_ => "UTC").ToArray(),
            ["@createdAts"] = a100.Select(_ => t0 / 1000).ToArray(), ["@channel"] = "plans_tasks",
        };
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, values[name]);
        }
    }

    [GeneratedRegex("@[A-Za-z]+")]
    private static partial Regex ParameterName();
}
