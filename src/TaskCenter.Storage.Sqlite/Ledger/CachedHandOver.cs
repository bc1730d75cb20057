using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>
/// Hands out a group's cached fires that are due (<see cref="ReadyDeliveryCache"/>) and queues the write of their
/// leases without waiting for it: the writer runs writes in order, so the ack or nack of any of them finds its lease.
/// </summary>
internal sealed class CachedHandOver(SqliteDatabase db, ReadyDeliveryCache ready)
{
    private readonly ConcurrentDictionary<string, Task> _lastLeaseWrite = new(StringComparer.Ordinal);

    /// <summary>Up to <paramref name="max"/> messages within the <paramref name="budget"/>, first deliveries all, leased from <paramref name="now"/>.</summary>
    public List<QueueMessage> Take(string group, int max, ResponseBudget budget, TimeSpan lease, DateTimeOffset now)
    {
        var fires = ready.TakeDue(group, max, budget, now);
        if (fires.Count == 0)
        {
            return [];
        }

        var messages = fires.ConvertAll(fire => LeaseRule.FirstLease(fire, now, lease));

        _lastLeaseWrite[group] = WriteLeasesAsync(group, messages, now);
        return messages;
    }

    /// <summary>Completes when the leases of the group's hand-overs so far are written (or their write failed).</summary>
    public Task LeasesWrittenAsync(string group) =>
        _lastLeaseWrite.TryGetValue(group, out var last) ? last : Task.CompletedTask;

    /// <summary>Writes the leases as handed out at <paramref name="handedOutAt"/> (the first delivery's time, not the write's).</summary>
    private async Task WriteLeasesAsync(string group, List<QueueMessage> messages, DateTimeOffset handedOutAt)
    {
        var msgIds = messages.Select(m => m.MsgId);
        try
        {
            await db.WriteAsync(
                (connection, transaction) =>
                {
                    try
                    {
                        using var leased = connection.Command(QueueCommands.MarkLeased, transaction)
                            .With("@group", group).With("@now", handedOutAt.ToUnixMs());
                        var msgId = leased.Parameter("@msgId", SqliteType.Text);
                        var leaseUntil = leased.Parameter("@leaseUntil", SqliteType.Integer);
                        foreach (var message in messages)
                        {
                            msgId.Set(message.MsgId);
                            leaseUntil.Set(message.LeaseUntil.ToUnixMs());
                            leased.ExecuteNonQuery();
                        }

                        return true;
                    }
                    finally
                    {
                        ready.Landed(group, msgIds);
                    }
                },
                CancellationToken.None);
        }
        catch (Exception exception) when (exception is SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            // The rows stay ready in the database and are delivered again (at-least-once); nothing is lost.
            ready.Landed(group, msgIds);
        }
    }
}
