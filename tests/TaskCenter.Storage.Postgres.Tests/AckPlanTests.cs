using System.Globalization;
using System.Text.Json;
using Npgsql;
using TaskCenter.Storage.Postgres.Ledger;
using Xunit.Abstractions;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>
/// Scale check (no timing): an ack reads the deliveries it acks by key, not the group's backlog, whatever the table's
/// statistics say — also right after a burst filled it, when they are missing or were taken while the queue was at rest.
/// Without statistics the planner took "msg_id = ANY (256 ids)" for most of the table and read the group's whole backlog
/// on ix_deliveries_available instead, once per ack: 100k fires due at one second then took twice as long to deliver
/// end to end.
/// </summary>
public sealed class AckPlanTests(ClassDatabase database, ITestOutputHelper output) : IClassFixture<ClassDatabase>
{
    private const int Backlog = 100_000;
    private const int Acked = 256;

    /// <summary>
    /// The deliveries' statistics: none yet; taken while the table was empty (a queue at rest, every delivery acked);
    /// taken while it held a handful; taken with the backlog.
    /// </summary>
    public enum Statistics
    {
        None,
        Empty,
        Few,
        Current,
    }

    [Theory]
    [InlineData(Statistics.None)]
    [InlineData(Statistics.Empty)]
    [InlineData(Statistics.Few)]
    [InlineData(Statistics.Current)]
    public async Task An_ack_reads_only_its_own_deliveries_whatever_the_statistics(Statistics statistics)
    {
        await using var schema = new SharedSchema(database);
        await schema.OpenAsync("acks");
        await using var connection = new NpgsqlConnection(
            new NpgsqlConnectionStringBuilder(database.Options(schema.Name).ConnectionString) { SearchPath = schema.Name }.ConnectionString);
        await connection.OpenAsync();
        if (statistics == Statistics.Empty)
        {
            await Explain.ExecuteAsync(connection, "ANALYZE");
        }

        await AddBacklogAsync(connection, 1, 10);
        if (statistics == Statistics.Few)
        {
            await Explain.ExecuteAsync(connection, "ANALYZE");
        }

        await AddBacklogAsync(connection, 11, Backlog);
        if (statistics == Statistics.Current)
        {
            await Explain.ExecuteAsync(connection, "ANALYZE");
        }

        using var plan = await ExplainAckAsync(connection);

        var read = Explain.Nodes(plan.RootElement[0].GetProperty("Plan"))
            .Where(node => node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "deliveries")
            .Sum(node => node.GetProperty("Actual Rows").GetInt64() * node.GetProperty("Actual Loops").GetInt64()
                + (node.TryGetProperty("Rows Removed by Filter", out var removed) ? removed.GetInt64() : 0));
        Assert.True(read <= 4 * Acked, $"{read:N0} deliveries read to ack {Acked}"); // a few lookups by key each, not the backlog
        Assert.Equal(Acked, plan.RootElement[0].GetProperty("Plan").GetProperty("Actual Rows").GetInt64());
    }

    /// <summary>Leased deliveries of group "bench", numbered <paramref name="from"/> to <paramref name="to"/>, with their fires.</summary>
    private static Task AddBacklogAsync(NpgsqlConnection connection, int from, int to) => Explain.ExecuteAsync(connection, $"""
        INSERT INTO fires (msg_id, task_id, name, data, fire_time, recorded_at)
        SELECT 'm' || lpad(to_hex(i), 23, '0'), lpad(to_hex(i), 24, '0'), 'bench', '\x78', 0, 0 FROM generate_series({from}, {to}) AS i;
        INSERT INTO deliveries (group_name, msg_id, state, attempt, fire_time, available_at)
        SELECT 'bench', 'm' || lpad(to_hex(i), 23, '0'), 'leased', 1, 0, 60000 FROM generate_series({from}, {to}) AS i
        """);

    /// <summary>EXPLAIN ANALYZE of an ack of 256 leased deliveries from the middle of the backlog, rolled back.</summary>
    private Task<JsonDocument> ExplainAckAsync(NpgsqlConnection connection) =>
        Explain.AnalyzedAsync(connection, QueueCommands.Ack, parameters =>
        {
            parameters.AddWithValue("group", "bench");
            parameters.AddWithValue("msgIds", Enumerable.Range(Backlog / 2, Acked).Select(i => "m" + i.ToString("x23", CultureInfo.InvariantCulture)).ToArray());
            parameters.AddWithValue("now", 1000L);
        }, output);
}
