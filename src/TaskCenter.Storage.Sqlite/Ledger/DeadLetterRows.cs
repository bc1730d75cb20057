using Microsoft.Data.Sqlite;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>The statements of a group's dead letters: listing, redriving, purging, and those a transport gave up on.</summary>
internal static class DeadLetterRows
{
    /// <summary>The group's dead letters, oldest fire first, after the given msgid, within the budget.</summary>
    public static List<DeadLetter> List(SqliteConnection connection, string group, string? afterMsgId, ResponseBudget budget, int limit)
    {
        SqliteCommand command;
        if (afterMsgId is null)
        {
            command = connection.Command(QueueCommands.DeadLettersFirst);
        }
        else
        {
            using var cursor = connection.Command(QueueCommands.FireTimeOf).With("@msgId", afterMsgId);
            if (cursor.ExecuteScalar() is not long afterFireTime)
            {
                return []; // The cursor's fire is gone from history: nothing can be placed after it.
            }

            command = connection.Command(QueueCommands.DeadLettersAfter).With("@afterFireTime", afterFireTime).With("@afterMsgId", afterMsgId);
        }

        using (command)
        {
            command.With("@group", group).With("@limit", limit);
            var letters = new List<DeadLetter>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var letter = QueueRowMapper.ReadDeadLetter(reader, group);
                if (!budget.TryTake(letter.Data))
                {
                    break;
                }

                letters.Add(letter);
            }

            return letters;
        }
    }

    /// <summary>
    /// Runs a dead-letter statement (a redrive, binding <paramref name="reset"/>, or a purge) on the given ids in the order
    /// given, or on all of the group's (listed first, oldest fire first) when <paramref name="msgIds"/> is null; returns
    /// the ids it changed.
    /// </summary>
    public static List<string> Change(
        SqliteConnection connection, SqliteTransaction transaction, string group, IReadOnlyList<string>? msgIds, string oneSql, string allSql, PendingDelivery? reset)
    {
        if (msgIds is null)
        {
            List<string> ids;
            using (var list = connection.Command(QueueCommands.DeadIds, transaction).With("@group", group))
            {
                ids = list.ReadStrings();
            }

            using var all = WithReset(connection.Command(allSql, transaction).With("@group", group), reset);
            all.ExecuteNonQuery();
            return ids;
        }

        using var command = WithReset(connection.Command(oneSql, transaction).With("@group", group), reset);
        var msgId = command.Parameter("@msgId", SqliteType.Text);
        var changed = new List<string>();
        foreach (var id in msgIds)
        {
            msgId.Set(id);
            if (command.ExecuteNonQuery() > 0)
            {
                changed.Add(id);
            }
        }

        return changed;
    }

    /// <summary>Records a transport's dead letters, each with a fire of its own unless its fire is still kept; idempotent.</summary>
    public static void Add(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<DeadLetter> letters)
    {
        foreach (var letter in letters)
        {
            using var fire = connection.Command(QueueCommands.InsertDeadLetterFire, transaction)
                .With("@msgId", letter.MsgId).With("@taskId", letter.TaskId).With("@name", letter.Name).With("@data", letter.Data)
                .With("@fireTime", letter.FireTime.ToUnixMs()).With("@deadAt", letter.DeadAt.ToUnixMs());
            fire.ExecuteNonQuery();
            using var dead = connection.Command(QueueCommands.InsertDeadDelivery, transaction)
                .With("@group", letter.Group).With("@msgId", letter.MsgId).With("@attempt", letter.Attempts)
                .With("@fireTime", letter.FireTime.ToUnixMs()).With("@error", letter.LastError)
                .With("@deadAt", letter.DeadAt.ToUnixMs());
            dead.ExecuteNonQuery();
        }
    }

    /// <summary>Binds what a redrive makes of a dead letter (<see cref="RedriveRule.Reset"/>), when the statement is one.</summary>
    private static SqliteCommand WithReset(SqliteCommand command, PendingDelivery? reset) =>
        reset is { } ready ? command.With("@attempt", ready.Attempt).With("@availableAt", ready.AvailableAt.ToUnixMs()) : command;
}
