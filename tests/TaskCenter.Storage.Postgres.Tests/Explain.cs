using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>Plans of statements, as EXPLAIN gives them, for the scale checks.</summary>
internal static class Explain
{
    /// <summary>
    /// Runs <paramref name="sql"/> under EXPLAIN (ANALYZE, FORMAT JSON) in a transaction that is rolled back, with the
    /// parameters <paramref name="bind"/> adds; writes the plan to <paramref name="output"/> and returns it.
    /// </summary>
    public static async Task<JsonDocument> AnalyzedAsync(
        NpgsqlConnection connection, string sql, Action<NpgsqlParameterCollection> bind, ITestOutputHelper output)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("EXPLAIN (ANALYZE, FORMAT JSON) " + sql, connection, transaction);
        bind(command.Parameters);
        var plan = (string)(await command.ExecuteScalarAsync())!;
        await transaction.RollbackAsync();
        output.WriteLine(plan);
        return JsonDocument.Parse(plan);
    }

    /// <summary><paramref name="node"/> and every node below it.</summary>
    public static IEnumerable<JsonElement> Nodes(JsonElement node)
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

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
