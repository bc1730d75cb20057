using System.Reflection;
using System.Text;
using System.Text.Json;
using Npgsql;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Postgres.Ledger;
using Xunit.Abstractions;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>
/// Scale check (no timing): routing a batch of fires reads the subscription patterns at most once, also right after
/// many subscriptions were made and before the table was ever analyzed — when the planner, guessing, would scan the
/// whole table once per fire for a per-fire EXISTS (found with 1,000 groups of 256 tags: 9 s for 1,000 fires).
/// </summary>
public sealed class RoutingPlanTests(ClassDatabase database, ITestOutputHelper output) : IClassFixture<ClassDatabase>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_batch_of_fires_reads_the_patterns_at_most_once_with_or_without_statistics(bool analyzed)
    {
        await using var schema = new SharedSchema(database);
        var store = await schema.OpenAsync("routing");
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(database.Options(schema.Name).ConnectionString) { SearchPath = schema.Name }.ConnectionString);
        await connection.OpenAsync();

        // 1,000 idle groups of 256 tags first, then the group the fires go to: a table scan finds its row last.
        await Explain.ExecuteAsync(connection, """
            INSERT INTO consumer_groups (name, filter, subscribed_at) SELECT 'idle' || i, 'idle' || i || '-0', 0 FROM generate_series(0, 999) AS i;
            INSERT INTO subscription_patterns (pattern, group_name)
            SELECT 'idle' || i || '-' || j, 'idle' || i FROM generate_series(0, 999) AS i, generate_series(0, 255) AS j
            """);
        await store.Ledger.SubscribeAsync("bench", TagFilter.All, null, Build.T0, CancellationToken.None);
        var tasks = Enumerable.Range(0, 1000).Select(i => Build.Task("bench", data: Build.NewId(), nextFireAt: Build.T0)).ToList();
        await store.Tasks.AddManyAsync(tasks, CancellationToken.None);
        if (analyzed)
        {
            await Explain.ExecuteAsync(connection, "ANALYZE");
        }

        using var plan = await ExplainRecordingAsync(connection, tasks);

        var reads = Explain.Nodes(plan.RootElement[0].GetProperty("Plan"))
            .Where(node => node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "subscription_patterns")
            .ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, node => Assert.False(
            node.GetProperty("Node Type").GetString() == "Seq Scan" && node.GetProperty("Actual Loops").GetInt64() > 1,
            $"{node.GetProperty("Node Type")} of subscription_patterns {node.GetProperty("Actual Loops")} times"));
        Assert.Equal(1000, plan.RootElement[0].GetProperty("Plan").GetProperty("Actual Rows").GetInt64());
    }

    private Task<JsonDocument> ExplainRecordingAsync(NpgsqlConnection connection, List<Core.Tasks.ScheduledTask> tasks)
    {
        var sql = (string)typeof(FireRecorder).GetField("AdvanceRecordRoute", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        return Explain.AnalyzedAsync(connection, sql, parameters =>
        {
            parameters.AddWithValue("outbox", false);
            parameters.AddWithValue("ids", tasks.Select(t => t.Id).ToArray());
            parameters.AddWithValue("versions", tasks.Select(t => t.Version).ToArray());
            parameters.AddWithValue("states", tasks.Select(_ => "finished").ToArray());
            parameters.AddWithValue("firedCounts", tasks.Select(_ => 1L).ToArray());
            parameters.AddWithValue("nextFireAts", tasks.Select(_ => (long?)null).ToArray());
            parameters.AddWithValue("finishedAts", tasks.Select(_ => (long?)Build.T0.ToUnixTimeMilliseconds()).ToArray());
            parameters.AddWithValue("msgIds", tasks.Select(_ => Build.NewId()).ToArray());
            parameters.AddWithValue("taskIds", tasks.Select(t => t.Id).ToArray());
            parameters.AddWithValue("names", tasks.Select(t => t.Name).ToArray());
            parameters.AddWithValue("datas", tasks.Select(t => Encoding.UTF8.GetBytes(t.Data)).ToArray());
            parameters.AddWithValue("fireTimes", tasks.Select(_ => Build.T0.ToUnixTimeMilliseconds()).ToArray());
            parameters.AddWithValue("recordedAts", tasks.Select(_ => Build.T0.ToUnixTimeMilliseconds()).ToArray());
            parameters.AddWithValue("leaseMs", tasks.Select(_ => (long?)null).ToArray());
            parameters.AddWithValue("acks", tasks.Select(_ => false).ToArray());
        }, output);
    }
}
