using Microsoft.Data.Sqlite;

namespace TaskCenter.Storage.Sqlite.Database;

/// <summary>Small helpers to build parameterized commands; every value goes through a parameter.</summary>
internal static class CommandExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    /// <summary>Adds a parameter with a value (null becomes SQL NULL); returns the command for chaining.</summary>
    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    /// <summary>Adds a parameter whose value is set later, for a command executed many times.</summary>
    public static SqliteParameter Parameter(this SqliteCommand command, string name, SqliteType type) =>
        command.Parameters.Add(name, type);

    public static void Set(this SqliteParameter parameter, object? value) => parameter.Value = value ?? DBNull.Value;

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Runs a query returning one string column and collects it.</summary>
    public static List<string> ReadStrings(this SqliteCommand command)
    {
        var values = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>Runs the query and maps every row.</summary>
    public static List<T> ReadRows<T>(this SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        var rows = new List<T>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>Runs a query returning one unix-ms time (or no row, or NULL: null) and disposes the command.</summary>
    public static DateTimeOffset? ReadTime(this SqliteCommand command)
    {
        using (command)
        {
            return command.ExecuteScalar() is long ms ? UnixTime.FromUnixMs(ms) : null;
        }
    }
}
