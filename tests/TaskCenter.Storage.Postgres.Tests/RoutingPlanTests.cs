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
        await ExecuteAsync(connection, """
            INSERT INTO consumer_groups (name, filter, subscribed_at) SELECT 'idle' || i, 'idle' || i || '-0', 0 FROM generate_series(0, 999) AS i;
            INSERT INTO subscription_patterns (pattern, group_name)
            SELECT 'idle' || i || '-' || j, 'idle' || i FROM generate_series(0, 999) AS i, generate_series(0, 255) AS j
            """);
        await store.Ledger.SubscribeAsync("bench", TagFilter.All, null, Build.T0, CancellationToken.None);
        var tasks = Enumerable.Range(0, 1000).Select(i => Build.Task("bench", data: Build.NewId(), nextFireAt: Build.T0)).ToList();
        await store.Tasks.AddManyAsync(tasks, CancellationToken.None);
        if (analyzed)
        {
            await ExecuteAsync(connection, "ANALYZE");
        }

        using var plan = JsonDocument.Parse(await ExplainRecordingAsync(connection, tasks));

        var reads = Nodes(plan.RootElement[0].GetProperty("Plan"))
            .Where(node => node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "subscription_patterns")
            .ToList();
        Assert.NotEmpty(reads);
        Assert.All(reads, node => Assert.False(
            node.GetProperty("Node Type").GetString() == "Seq Scan" && node.GetProperty("Actual Loops").GetInt64() > 1,
            $"{node.GetProperty("Node Type")} of subscription_patterns {node.GetProperty("Actual Loops")} times"));
        Assert.Equal(1000, plan.RootElement[0].GetProperty("Plan").GetProperty("Actual Rows").GetInt64());
    }

    private async Task<string> ExplainRecordingAsync(NpgsqlConnection connection, List<Core.Tasks.ScheduledTask> tasks)
    {
        var sql = (string)typeof(FireRecorder).GetField("AdvanceRecordRoute", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, connection, transaction);
        command.Parameters.AddWithValue("outbox", false);
        command.Parameters.AddWithValue("ids", tasks.Select(t => t.Id).ToArray());
        command.Parameters.AddWithValue("versions", tasks.Select(t => t.Version).ToArray());
        command.Parameters.AddWithValue("states", tasks.Select(_ => "finished").ToArray());
        command.Parameters.AddWithValue("firedCounts", tasks.Select(_ => 1L).ToArray());
        command.Parameters.AddWithValue("nextFireAts", tasks.Select(_ => (long?)null).ToArray());
        command.Parameters.AddWithValue("finishedAts", tasks.Select(_ => (long?)Build.T0.ToUnixTimeMilliseconds()).ToArray());
        command.Parameters.AddWithValue("msgIds", tasks.Select(_ => Build.NewId()).ToArray());
        command.Parameters.AddWithValue("taskIds", tasks.Select(t => t.Id).ToArray());
        command.Parameters.AddWithValue("names", tasks.Select(t => t.Name).ToArray());
        command.Parameters.AddWithValue("datas", tasks.Select(t => Encoding.UTF8.GetBytes(t.Data)).ToArray());
        command.Parameters.AddWithValue("fireTimes", tasks.Select(_ => Build.T0.ToUnixTimeMilliseconds()).ToArray());
        command.Parameters.AddWithValue("recordedAts", tasks.Select(_ => Build.T0.ToUnixTimeMilliseconds()).ToArray());
        command.Parameters.AddWithValue("leaseMs", tasks.Select(_ => (long?)null).ToArray());
        command.Parameters.AddWithValue("acks", tasks.Select(_ => false).ToArray());
        var plan = (string)(await command.ExecuteScalarAsync())!;
        await transaction.RollbackAsync();
        output.WriteLine(plan);
        return plan;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }
}
