using Microsoft.Data.Sqlite;

namespace TaskCenter.Storage.Sqlite.Database;

/// <summary>
/// The writer's prepared commands, kept from one write to the next: preparing a small statement costs more than running
/// it, and the hot writes (an add, an ack, a group's savepoints) run the same few statements thousands of times a second.
/// Used only on the writer, by one write at a time.
/// </summary>
internal sealed class WriterStatements(SqliteConnection writer) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, in <paramref name="transaction"/> with no parameters; not to be disposed.</summary>
    public SqliteCommand Get(string sql, SqliteTransaction transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            _commands[sql] = command = writer.Command(sql);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Runs <paramref name="sql"/>, a statement without parameters, in <paramref name="transaction"/>.</summary>
    public void Execute(string sql, SqliteTransaction transaction) => Get(sql, transaction).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }
}
