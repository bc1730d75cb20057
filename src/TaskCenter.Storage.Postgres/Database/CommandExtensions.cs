using Npgsql;

namespace TaskCenter.Storage.Postgres.Database;

/// <summary>Small helpers to build parameterized commands and batches; every value goes through a typed parameter.</summary>
internal static class CommandExtensions
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql) => new(sql, connection);

    /// <summary>Statements sent in one round trip, run in order (each sees what the ones before it did).</summary>
    public static NpgsqlBatch Batch(this NpgsqlConnection connection, params NpgsqlBatchCommand[] statements)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(statement);
        }

        return batch;
    }

    /// <summary>
    /// Adds a parameter of the value's type (null becomes SQL NULL of that type); returns the command for chaining.
    /// Strings go in as PostgreSQL can store them (<see cref="PostgresText.Storable"/>).
    /// </summary>
    public static NpgsqlCommand With<T>(this NpgsqlCommand command, string name, T value)
    {
        command.Parameters.Add(Parameter(name, value));
        return command;
    }

    /// <inheritdoc cref="With{T}(NpgsqlCommand, string, T)"/>
    public static NpgsqlBatchCommand With<T>(this NpgsqlBatchCommand command, string name, T value)
    {
        command.Parameters.Add(Parameter(name, value));
        return command;
    }

    public static long? GetNullableInt64(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>A payload column (UTF-8 bytes) as the string it was given as.</summary>
    public static string GetPayload(this NpgsqlDataReader reader, int ordinal) => PostgresText.FromPayload(reader.GetFieldValue<byte[]>(ordinal));

    /// <summary>Runs the query, maps every row, and disposes the command.</summary>
    public static async Task<List<T>> ReadRowsAsync<T>(this NpgsqlCommand command, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        await using (command)
        {
            var rows = new List<T>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
    }

    /// <summary>Runs a query returning one time in unix milliseconds (null without a row), and disposes the command.</summary>
    public static async Task<DateTimeOffset?> ReadTimeAsync(this NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            return await command.ExecuteScalarAsync(cancellationToken) is long ms ? UnixTime.FromUnixMs(ms) : null;
        }
    }

    private static NpgsqlParameter Parameter<T>(string name, T value) => value switch
    {
        string text => new NpgsqlParameter<string>(name, PostgresText.Storable(text)),
        string?[] texts => new NpgsqlParameter<string?[]>(name, [.. texts.Select(text => text is null ? null : PostgresText.Storable(text))]),
        _ => new NpgsqlParameter<T>(name, value),
    };
}
