using System.Text;
using Npgsql;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>
/// Puts a task list page's statement together from <see cref="TaskCommands"/>' fragments, only with the predicates
/// the query needs: every bound is a plain range on ix_tasks_name (name is "C", byte order, which is code point
/// order), so a page costs the same however deep it is and however many names sort after the prefix.
/// </summary>
internal static class TaskListQuery
{
    /// <summary>The page's command; it fetches one task more than the limit, to tell whether there is a next page.</summary>
    public static NpgsqlCommand Command(NpgsqlConnection connection, TaskQuery query)
    {
        var predicates = new List<string>();
        var command = connection.Command("");
        var prefix = string.IsNullOrEmpty(query.NamePrefix) ? null : PostgresText.Storable(query.NamePrefix);
        if (query.After is { } after)
        {
            command.With("@afterName", after.Name).With("@afterCreatedAt", after.CreatedAt).With("@afterId", after.Id);
        }

        // One lower bound: the cursor's row when it lies within the prefix's range (it implies name >= prefix), else the
        // prefix (every name in its range sorts after a cursor before it). Two would leave the btree to pick either.
        if (query.After is { } cursor && (prefix is null || CompareCodePoints(PostgresText.Storable(cursor.Name), prefix) >= 0))
        {
            predicates.Add(TaskCommands.ListAfter);
        }
        else if (prefix is not null)
        {
            predicates.Add(TaskCommands.ListFromPrefix);
            command.With("@prefix", prefix);
        }

        if (prefix is not null && UpperBound(prefix) is { } upper)
        {
            predicates.Add(TaskCommands.ListBelowUpper);
            command.With("@upper", upper);
        }

        if (query.Type is { } type)
        {
            predicates.Add(TaskCommands.ListOfType);
            command.With("@type", (short)type);
        }

        if (query.State == TaskState.Paused)
        {
            predicates.Add(TaskCommands.ListPaused);
        }
        else if (query.State is { } state)
        {
            predicates.Add(TaskCommands.ListInState);
            command.With("@state", state.ToWire());
        }

        command.CommandText = TaskCommands.ListSelect + (predicates.Count == 0 ? "true" : string.Join(" AND ", predicates)) + TaskCommands.ListOrder;
        return command.With("@limit", query.Limit + 1);
    }

    /// <summary>
    /// The least string greater than every string starting with <paramref name="prefix"/>: the prefix up to its last
    /// character below U+10FFFF, that character incremented (past the surrogate range); null when every character is
    /// U+10FFFF (no bound needed).
    /// </summary>
    public static string? UpperBound(string prefix)
    {
        var runes = prefix.EnumerateRunes().ToList();
        for (var i = runes.Count - 1; i >= 0; i--)
        {
            if (runes[i].Value < 0x10FFFF)
            {
                var next = runes[i].Value + 1 == 0xD800 ? 0xE000 : runes[i].Value + 1;
                var bound = new StringBuilder();
                foreach (var rune in runes.Take(i))
                {
                    bound.Append(rune.ToString());
                }

                return bound.Append(new Rune(next).ToString()).ToString();
            }
        }

        return null;
    }

    /// <summary>Compares as the "C" collation does: UTF-8 bytes, i.e. code points (UTF-16 order differs above U+D7FF).</summary>
    private static int CompareCodePoints(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
