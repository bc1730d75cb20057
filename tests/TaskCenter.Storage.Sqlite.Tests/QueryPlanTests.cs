using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Sqlite.Ledger;
using TaskCenter.Storage.Sqlite.Push;
using TaskCenter.Storage.Sqlite.TaskStore;
using Xunit.Abstractions;

namespace TaskCenter.Storage.Sqlite.Tests;

/// <summary>
/// Scale check (no timing): with a large table the engine's and the consumers' hot queries are index searches, with
/// no table scan and no sort of the candidates. Loaded once for the class through a direct bulk transaction.
/// </summary>
public sealed partial class QueryPlanTests : IClassFixture<QueryPlanTests.LargeDatabase>
{
    private const int TaskCount = 200_000;
    private const int DeliveryCount = 100_000;
    private readonly LargeDatabase _large;
    private readonly ITestOutputHelper _output;

    public QueryPlanTests(LargeDatabase large, ITestOutputHelper output)
    {
        _large = large;
        _output = output;
    }

    public sealed class LargeDatabase : IDisposable
    {
        public LargeDatabase()
        {
            Db = new TestDatabase();
            Db.OpenAsync().GetAwaiter().GetResult();
            using var connection = Db.Connect();
            using var transaction = connection.BeginTransaction();
            BulkLoad(connection, transaction);
            transaction.Commit();
        }

        internal TestDatabase Db { get; }

        public void Dispose() => Db.Dispose();
    }

    [Theory]
    [InlineData(nameof(TaskCommands.Due), "ix_tasks_due", false)]
    [InlineData(nameof(TaskCommands.Due), "ix_tasks_due", true)]
    [InlineData(nameof(TaskCommands.EarliestFire), "ix_tasks_due", false)]
    [InlineData(nameof(TaskCommands.EarliestFire), "ix_tasks_due", true)]
    [InlineData(nameof(TaskCommands.FindLiveDuplicate), "ix_tasks_dedupe", false)]
    [InlineData(nameof(TaskCommands.FindLiveDuplicate), "ix_tasks_dedupe", true)]
    [InlineData(nameof(TaskCommands.IdsByName), "ix_tasks_name", false)]
    // Both ix_tasks_name and ix_tasks_dedupe start with name; either serves the delete.
    [InlineData(nameof(TaskCommands.DeleteByName), "ix_tasks_dedupe", false)]
    [InlineData(nameof(TaskCommands.PurgeFinished), "ix_tasks_finished", false)]
    public void Task_queries_search_their_index(string query, string index, bool analyzed) =>
        AssertUsesIndex(typeof(TaskCommands), query, index, analyzed);

    [Theory]
    [InlineData(nameof(QueueCommands.LeaseCandidates), "ix_deliveries_available", false)]
    [InlineData(nameof(QueueCommands.LeaseCandidates), "ix_deliveries_available", true)]
    [InlineData(nameof(QueueCommands.AnyAvailable), "ix_deliveries_available", false)]
    [InlineData(nameof(QueueCommands.AnyAvailable), "ix_deliveries_available", true)]
    [InlineData(nameof(QueueCommands.NextReady), "ix_deliveries_available", false)]
    [InlineData(nameof(QueueCommands.NextReady), "ix_deliveries_available", true)]
    [InlineData(nameof(QueueCommands.DeadLettersFirst), "ix_deliveries_dead", false)]
    [InlineData(nameof(QueueCommands.DeadLettersAfter), "ix_deliveries_dead", false)]
    [InlineData(nameof(QueueCommands.RouteUnrouted), "ix_fires_unrouted", false)]
    [InlineData(nameof(QueueCommands.RouteUnrouted), "ix_fires_unrouted", true)]
    [InlineData(nameof(QueueCommands.MarkRouted), "ix_fires_unrouted", false)]
    [InlineData(nameof(QueueCommands.Ack), "PRIMARY KEY", false)]
    [InlineData(nameof(QueueCommands.NotHandedOut), "PRIMARY KEY", false)]
    [InlineData(nameof(QueueCommands.PendingDelivery), "PRIMARY KEY", false)]
    [InlineData(nameof(QueueCommands.DeletePending), "ix_deliveries_available", false)]
    [InlineData(nameof(QueueCommands.DeleteDead), "ix_deliveries_dead", false)]
    [InlineData(nameof(QueueCommands.PurgeUnrouted), "ix_fires_unrouted_age", false)]
    [InlineData(nameof(QueueCommands.PurgeHistory), "ix_fires_routed_age", false)]
    [InlineData(nameof(QueueCommands.PurgeHistory), "PRIMARY KEY", false)]
    public void Queue_queries_search_their_index(string query, string index, bool analyzed) =>
        AssertUsesIndex(typeof(QueueCommands), query, index, analyzed);

    /// <summary>
    /// Every form of a task list page searches the name index in its order (paused tasks only: their own partial
    /// index), forwards or backwards; the first page of every name walks it from its start, stopping after the page.
    /// A cursor within an exact name is a range after the name's equality, not a filter of the name's tasks.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryListForm))]
    public void Task_list_pages_search_the_name_index_in_its_order(
        bool afterCursor, bool exactName, bool withinPrefix, bool pausedOnly, bool descending, bool analyzed)
    {
        var sql = TaskCommands.List(afterCursor, exactName, withinPrefix, pausedOnly, descending);
        AssertPlanUsesIndex(sql, pausedOnly ? "ix_tasks_paused" : "ix_tasks_name", analyzed, indexScan: !afterCursor && !exactName && !withinPrefix);
        if (exactName && afterCursor)
        {
            Assert.Contains(ExplainQueryPlan(sql, analyzed), line => line.Contains("(name=? AND (created_at,id)>(?,?))", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(nameof(ManagementCommands.HistoryFires), "ux_fires_task_time", false)]
    [InlineData(nameof(ManagementCommands.HistoryDeliveries), "ux_fires_task_time", false)]
    [InlineData(nameof(ManagementCommands.HistoryDeliveries), "PRIMARY KEY", false)]
    [InlineData(nameof(QueueCommands.RecordAckOutcome), "PRIMARY KEY", false)]
    [InlineData(nameof(QueueCommands.PurgeHistoryOutcomes), "ix_fires_routed_age", false)]
    public void Fire_history_queries_search_their_index(string query, string index, bool analyzed) =>
        AssertUsesIndex(query.StartsWith("History", StringComparison.Ordinal) ? typeof(ManagementCommands) : typeof(QueueCommands), query, index, analyzed);

    [Fact]
    public void Push_attempts_are_purged_by_their_age_index() =>
        AssertUsesIndex(typeof(PushGroupCommands), nameof(PushGroupCommands.PurgeAttempts), "ix_push_attempts_sent_at", analyzed: false);

    /// <summary>The msgids asked for (a JSON array, the one thing scanned) are searched in key order: no sort after.</summary>
    [Fact]
    public void Push_attempts_are_read_by_their_key_in_its_order()
    {
        var plan = ExplainQueryPlan(PushGroupCommands.ListAttempts, analyzed: false);
        _output.WriteLine(string.Join(Environment.NewLine, plan));

        Assert.Contains(plan, line => line.StartsWith("SEARCH push_attempts USING PRIMARY KEY (msg_id=?)", StringComparison.Ordinal));
        Assert.All(plan.Where(line => line.StartsWith("SCAN", StringComparison.Ordinal)), line => Assert.StartsWith("SCAN json_each", line, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    /// <summary>The census counts the partial indexes of the few fires it counts, not the fires table.</summary>
    [Theory]
    [InlineData(nameof(ManagementCommands.UnroutedFires), "ix_fires_unrouted_age")]
    [InlineData(nameof(ManagementCommands.UnpublishedFires), "ix_fires_outbox")]
    public void Census_fire_counts_read_their_partial_index(string query, string index) =>
        AssertUsesIndex(typeof(ManagementCommands), query, index, analyzed: false, indexScan: true);

    [Fact]
    public async Task The_task_list_pages_through_a_prefix_of_the_large_table()
    {
        var store = await _large.Db.OpenAsync();
        var query = new TaskQuery { NamePrefix = "name99", Limit = 500 };
        var names = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        for (var page = await store.Reader.ListAsync(query, CancellationToken.None); ; page = await store.Reader.ListAsync(query with { After = page.Next }, CancellationToken.None))
        {
            count += page.Tasks.Count;
            names.UnionWith(page.Tasks.Select(t => t.Name));
            if (page.Next is null)
            {
                break;
            }
        }

        Assert.Equal(11 * TaskCount / 1000, count); // name99 and name990 to name999
        Assert.Equal(11, names.Count);
        Assert.All(names, name => Assert.StartsWith("name99", name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_store_works_on_the_large_table()
    {
        var store = await _large.Db.OpenAsync();
        var now = Build.T0.AddDays(1);

        IReadOnlyList<ScheduledTask> due = [];
        await store.Ledger.FireDueAsync(now, 100, read => { due = read; return []; }, CancellationToken.None); // read, planned as nothing
        var leased = await store.Ledger.LeaseAsync("g", 100, TimeSpan.FromMinutes(1), now, CancellationToken.None);

        Assert.Equal(100, due.Count);
        Assert.True(due.Zip(due.Skip(1)).All(p => p.First.NextFireAt <= p.Second.NextFireAt));
        Assert.Equal(100, leased.Count);
        Assert.True(leased.Zip(leased.Skip(1)).All(p => p.First.FireTime <= p.Second.FireTime));
        Assert.Equal(Build.T0, await store.Ledger.GetEarliestFireAsync(CancellationToken.None));
    }

    /// <summary>
    /// The plan searches the index; nothing is scanned and nothing sorted in a temp b-tree. With
    /// <paramref name="analyzed"/> the check runs again with ANALYZE statistics present (rolled back afterwards).
    /// </summary>
    /// <param name="indexScan">The query reads a range of the index from its start, in order (a page from the
    /// start, a count of a partial index): SCAN of that index is expected, of nothing else.</param>
    /// <summary>The forms <see cref="Core.Storage.TaskQuery.Simplified"/> leaves: no prefix with an exact name, no cursor on a descending list.</summary>
    public static TheoryData<bool, bool, bool, bool, bool, bool> EveryListForm()
    {
        var data = new TheoryData<bool, bool, bool, bool, bool, bool>();
        for (var form = 0; form < 64; form++)
        {
            bool afterCursor = (form & 1) != 0, exactName = (form & 2) != 0, withinPrefix = (form & 4) != 0, descending = (form & 16) != 0;
            if (!(exactName && withinPrefix) && !(descending && afterCursor))
            {
                data.Add(afterCursor, exactName, withinPrefix, (form & 8) != 0, descending, (form & 32) != 0);
            }
        }

        return data;
    }

    private void AssertUsesIndex(Type commands, string query, string index, bool analyzed, bool indexScan = false) =>
        AssertPlanUsesIndex(
            (string)commands.GetField(query, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)!.GetValue(null)!,
            index,
            analyzed,
            indexScan);

    private void AssertPlanUsesIndex(string sql, string index, bool analyzed, bool indexScan)
    {
        var plan = ExplainQueryPlan(sql, analyzed);
        _output.WriteLine(string.Join(Environment.NewLine, plan));

        Assert.Contains(plan, line => line.Contains($"USING INDEX {index} ", StringComparison.Ordinal)
            || line.Contains($"USING COVERING INDEX {index} ", StringComparison.Ordinal)
            || line.EndsWith($"INDEX {index}", StringComparison.Ordinal)
            || (index == "PRIMARY KEY" && line.Contains("USING PRIMARY KEY", StringComparison.Ordinal)));
        Assert.DoesNotContain(plan, line => line.StartsWith("SCAN", StringComparison.Ordinal)
            && !(indexScan && (line.EndsWith($"INDEX {index}", StringComparison.Ordinal) || line.Contains($"INDEX {index} ", StringComparison.Ordinal))));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private List<string> ExplainQueryPlan(string sql, bool analyzed)
    {
        using var connection = _large.Db.Connect();
        using var transaction = connection.BeginTransaction();
        if (analyzed)
        {
            using var analyze = connection.CreateCommand();
            analyze.Transaction = transaction;
            analyze.CommandText = "ANALYZE";
            analyze.ExecuteNonQuery();
        }

        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in ParameterName().Matches(sql).Select(m => m.Value).Distinct())
        {
            command.Parameters.AddWithValue(name, name is "@group" or "@name" or "@first" or "@last" or "@data" or "@afterMsgId" or "@msgId" ? "x" : 1L);
        }

        var lines = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                lines.Add(reader.GetString(3));
            }
        }

        transaction.Rollback();
        return lines;
    }

    [GeneratedRegex("@[A-Za-z]+")]
    private static partial Regex ParameterName();

    private static void BulkLoad(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var task = connection.CreateCommand();
        task.Transaction = transaction;
        task.CommandText = TaskCommands.Insert;
        var p = new Dictionary<string, SqliteParameter>();
        foreach (var name in ParameterName().Matches(TaskCommands.Insert).Select(m => m.Value).Distinct())
        {
            p[name] = task.Parameters.Add(name, SqliteType.Integer);
        }

        string[] states = ["pending", "active", "paused", "finished"];
        for (var i = 0; i < TaskCount; i++)
        {
            var data = i.ToString(CultureInfo.InvariantCulture);
            var state = states[i % 4];
            p["@id"].Value = i.ToString("x24", CultureInfo.InvariantCulture);
            p["@name"].Value = "name" + (i % 1000).ToString(CultureInfo.InvariantCulture);
            p["@type"].Value = 2;
            p["@data"].Value = data;
            p["@dataHash"].Value = DataHash.Of(data);
            p["@crontab"].Value = "";
            p["@loopTime"].Value = 60;
            p["@loopCount"].Value = 0;
            p["@startTime"].Value = DBNull.Value;
            p["@endTime"].Value = DBNull.Value;
            p["@maxRuntime"].Value = 0;
            p["@ack"].Value = 0;
            p["@timeZone"].Value = "UTC";
            p["@state"].Value = state;
            p["@firedCount"].Value = 0;
            p["@nextFireAt"].Value = state == "finished" ? DBNull.Value : Build.T0.AddSeconds(i).ToUnixTimeMilliseconds();
            p["@createdAt"].Value = Build.T0.ToUnixTimeSeconds() + i;
            p["@version"].Value = 0;
            p["@finishedAt"].Value = state == "finished" ? Build.T0.AddSeconds(i).ToUnixTimeMilliseconds() : DBNull.Value;
            task.ExecuteNonQuery();
        }

        using var fire = connection.CreateCommand();
        fire.Transaction = transaction;
        fire.CommandText = """
            INSERT INTO fires (msg_id, task_id, name, data, fire_time, recorded_at, lease_ms, ack, unrouted)
            VALUES (@msgId, @msgId, @name, 'x', @time, @time, NULL, 0, @unrouted);
            INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at, dead_at)
            SELECT @group, @msgId, @state, 1, @time, CASE @state WHEN 'dead' THEN NULL ELSE @time END,
                   CASE @state WHEN 'dead' THEN @time END
            WHERE @unrouted = 0
            """;
        var msgId = fire.Parameters.Add("@msgId", SqliteType.Text);
        var fireName = fire.Parameters.Add("@name", SqliteType.Text);
        var time = fire.Parameters.Add("@time", SqliteType.Integer);
        var unrouted = fire.Parameters.Add("@unrouted", SqliteType.Integer);
        var group = fire.Parameters.Add("@group", SqliteType.Text);
        var deliveryState = fire.Parameters.Add("@state", SqliteType.Text);
        string[] deliveryStates = ["ready", "ready", "leased", "dead"];
        for (var i = 0; i < DeliveryCount; i++)
        {
            msgId.Value = "m" + i.ToString("x23", CultureInfo.InvariantCulture);
            fireName.Value = "tag" + (i % 100).ToString(CultureInfo.InvariantCulture);
            time.Value = Build.T0.AddSeconds(i).ToUnixTimeMilliseconds();
            unrouted.Value = i % 10 == 9 ? 1 : 0;
            group.Value = "g" + (i % 3 == 0 ? "" : (i % 3).ToString(CultureInfo.InvariantCulture));
            deliveryState.Value = deliveryStates[i % 4];
            fire.ExecuteNonQuery();
        }
    }
}
