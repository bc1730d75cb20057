using Microsoft.Data.Sqlite;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Sqlite.Database;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>
/// One LeaseAsync inside the write transaction: reads the group's available deliveries in order and writes what
/// <see cref="LeaseRule.Plan"/> decides for them (a lease each, or a dead letter, and then looking further).
/// </summary>
internal sealed class LeaseBatch(SqliteConnection connection, SqliteTransaction transaction, string group, DateTimeOffset now, QueueOptions options)
{
    /// <summary>
    /// Leases up to <paramref name="max"/> within the <paramref name="budget"/>, as <see cref="LeaseRule.Plan"/> decides;
    /// a candidate <paramref name="claim"/> refuses (handed out elsewhere, lease not written yet) is skipped.
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
            .With("@group", group).With("@now", nowMs).With("@error", LeaseRule.ExpiredError);
        var deadMsgId = dead.Parameter("@msgId", SqliteType.Text);

        var messages = new List<QueueMessage>();
        while (messages.Count < max && !budget.IsFull)
        {
            var wanted = max - messages.Count;
            limit.Set(wanted);
            var candidates = Read(select);
            var skipped = false;
            var plan = LeaseRule.Plan(Claimed(), budget, now, lease, options);
            foreach (var msgId in plan.Dead)
            {
                deadMsgId.Set(msgId);
                dead.ExecuteNonQuery();
            }

            foreach (var message in plan.Leased)
            {
                leasedMsgId.Set(message.MsgId);
                leaseUntil.Set(message.LeaseUntil.ToUnixMs());
                leased.ExecuteNonQuery();
            }

            messages.AddRange(plan.Leased);
            if (candidates.Count < wanted || skipped)
            {
                break; // Nothing more is available (or what is left is in flight: selecting again would find it again).
            }

            // Claimed as the plan takes them: a candidate after the one that filled the answer stays in the cache.
            IEnumerable<LeaseCandidate> Claimed()
            {
                foreach (var candidate in candidates)
                {
                    if (claim(candidate.MsgId))
                    {
                        yield return candidate;
                    }
                    else
                    {
                        skipped = true;
                    }
                }
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
