using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.QueueStore;

/// <summary>
/// The committed subscriptions, in memory for routing. Loaded at start-up and replaced only under the writer lock
/// right after the transaction that changed them commits, so a commit always routes by the committed subscriptions.
/// Readers outside the lock see either the old or the new snapshot, never a mix.
/// </summary>
internal sealed class SubscriptionCache(LimitOptions limits, ILogger logger)
{
    private SubscriptionIndex _current = SubscriptionIndex.Empty;

    public SubscriptionIndex Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    public LimitOptions Limits => limits;

    /// <summary>
    /// Replaces every stored subscription over <see cref="LimitOptions.MaxTagsPerSubscription"/> by
    /// <see cref="TagFilter.Nothing"/> (counted in SQL, so such a subscription is never parsed), then reads every
    /// group's subscription (call under the writer lock). Returns the groups replaced and how many tags each had.
    /// </summary>
    public IReadOnlyList<(string Group, long Patterns)> Load(SqliteConnection connection, SqliteTransaction transaction)
    {
        var oversized = new List<(string Group, long Patterns)>();
        using (var find = connection.Command(QueueCommands.OversizedGroups, transaction).With("@maxPatterns", limits.MaxTagsPerSubscription))
        using (var reader = find.ExecuteReader())
        {
            while (reader.Read())
            {
                oversized.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        using (var suspend = connection.Command(QueueCommands.SuspendGroup, transaction))
        {
            var group = suspend.Parameter("@group", SqliteType.Text);
            foreach (var (name, _) in oversized)
            {
                group.Set(name);
                suspend.ExecuteNonQuery();
            }
        }

        var subscriptions = new List<(string, TagFilter, string?)>();
        using (var command = connection.Command(QueueCommands.LoadGroups, transaction))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var group = reader.GetString(0);
                subscriptions.Add((group, TagFilter.ParseStored(group, reader.GetString(1)), reader.GetNullableString(2)));
            }
        }

        Current = SubscriptionIndex.From(subscriptions);
        return oversized;
    }

    /// <summary>Says which stored subscriptions <see cref="Load"/> replaced, one warning per group.</summary>
    public void Report(IReadOnlyList<(string Group, long Patterns)> suspended)
    {
        foreach (var (group, patterns) in suspended)
        {
            SubscriptionLimits.LogSuspended(logger, group, patterns, limits);
        }
    }
}
