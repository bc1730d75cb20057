using Microsoft.Data.Sqlite;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.QueueStore;

/// <summary>
/// The committed subscriptions, in memory for routing. Loaded at start-up and replaced only under the writer lock
/// right after the transaction that changed them commits, so a commit always routes by the committed subscriptions.
/// Readers outside the lock see either the old or the new snapshot, never a mix.
/// </summary>
internal sealed class SubscriptionCache
{
    private SubscriptionIndex _current = SubscriptionIndex.Empty;

    public SubscriptionIndex Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    /// <summary>Reads every group's subscription from the database (call under the writer lock).</summary>
    public void Load(SqliteConnection connection, SqliteTransaction transaction)
    {
        var subscriptions = new List<KeyValuePair<string, TagFilter>>();
        using var command = connection.Command(QueueCommands.LoadGroups, transaction);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var group = reader.GetString(0);
            var expression = reader.GetString(1);
            if (!TagFilter.TryParse(expression, out var filter, out var error))
            {
                throw new InvalidDataException($"Consumer group '{group}' has an invalid stored subscription '{expression}': {error}.");
            }

            subscriptions.Add(new(group, filter));
        }

        Current = SubscriptionIndex.From(subscriptions);
    }
}
