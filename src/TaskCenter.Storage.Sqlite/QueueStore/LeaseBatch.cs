using Microsoft.Data.Sqlite;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.QueueStore;

/// <summary>
/// One LeaseAsync inside the write transaction: takes the group's available deliveries in order, leasing each, or
/// dead-lettering those whose lease ran out once more than the retries allow (and then looking further).
/// </summary>
internal sealed class LeaseBatch(SqliteConnection connection, SqliteTransaction transaction, string group, DateTimeOffset now, QueueOptions options)
{
    private const string LeaseExpiredError = "lease expired";

    /// <summary>
    /// Leases up to <paramref name="max"/> within the <paramref name="budget"/>; a candidate <paramref name="claim"/>
    /// refuses (handed out elsewhere, lease not written yet) is skipped.
    /// </summary>
    public List<QueueMessage> Take(int max, ResponseBudget budget, TimeSpan lease, Func<string, bool> claim)
    {
        var nowMs = now.ToUnixMs();
        using var select = connection.Command(QueueCommands.LeaseCandidates, transaction).With("@group", group).With("@now", nowMs);
        var limit = select.Parameter("@limit", SqliteType.Integer);
        using var leased = connection.Command(QueueCommands.MarkLeased, transaction).With("@group", group).With("@now", nowMs);
        var leasedMsgId = leased.Parameter("@msgId", SqliteType.Text);
        var leaseUntil = leased.Parameter("@leaseUntil", SqliteType.Integer);
        using var dead = connection.Command(QueueCommands.MarkDead, transaction)
            .With("@group", group).With("@now", nowMs).With("@error", LeaseExpiredError);
        var deadMsgId = dead.Parameter("@msgId", SqliteType.Text);

        var messages = new List<QueueMessage>();
        while (messages.Count < max)
        {
            var wanted = max - messages.Count;
            limit.Set(wanted);
            var candidates = Read(select);
            var skipped = false;
            foreach (var candidate in candidates)
            {
                if (!claim(candidate.MsgId))
                {
                    skipped = true;
                    continue;
                }

                if (candidate.HasUsedUpItsAttempts(options))
                {
                    deadMsgId.Set(candidate.MsgId);
                    dead.ExecuteNonQuery();
                    continue;
                }

                if (!budget.TryTake(candidate.Data))
                {
                    return messages; // The answer is full: this one and the rest stay ready.
                }

                var message = candidate.Lease(now, lease);
                leasedMsgId.Set(candidate.MsgId);
                leaseUntil.Set(message.LeaseUntil.ToUnixMs());
                leased.ExecuteNonQuery();
                messages.Add(message);
            }

            if (candidates.Count < wanted || skipped)
            {
                break; // Nothing more is available (or what is left is in flight: selecting again would find it again).
            }
        }

        return messages;
    }

    private static List<LeaseCandidate> Read(SqliteCommand select)
    {
        var candidates = new List<LeaseCandidate>();
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            candidates.Add(QueueRowMapper.ReadCandidate(reader));
        }

        return candidates;
    }
}
