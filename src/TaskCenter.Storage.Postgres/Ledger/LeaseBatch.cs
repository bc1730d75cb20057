using Npgsql;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.Ledger;

/// <summary>
/// One LeaseAsync inside its transaction: locks the group's available deliveries in order (skipping those another
/// consumer is taking) and writes what <see cref="LeaseRule.Plan"/> decides for them (a lease each, or a dead letter,
/// and then looking further).
/// </summary>
internal sealed class LeaseBatch(NpgsqlConnection connection, string group, DateTimeOffset now, QueueOptions options)
{
    /// <summary>
    /// Leases up to <paramref name="max"/> within the <paramref name="budget"/>: candidates locked past it are left
    /// ready (their locks end with the transaction).
    /// </summary>
    public async Task<List<QueueMessage>> TakeAsync(int max, ResponseBudget budget, TimeSpan lease, CancellationToken cancellationToken)
    {
        var messages = new List<QueueMessage>();
        while (messages.Count < max && !budget.IsFull)
        {
            var wanted = max - messages.Count;
            var candidates = await LockCandidatesAsync(wanted, cancellationToken);
            if (candidates.Count == 0)
            {
                break;
            }

            var plan = LeaseRule.Plan(candidates, budget, now, lease, options);
            await WriteAsync(plan.Leased, [.. plan.Dead], cancellationToken);
            messages.AddRange(plan.Leased);
            if (candidates.Count < wanted)
            {
                break; // Nothing more is available (to this consumer: what others are taking was skipped).
            }
        }

        return messages;
    }

    private Task<List<LeaseCandidate>> LockCandidatesAsync(int limit, CancellationToken cancellationToken) =>
        connection.Command(QueueCommands.LockLeaseCandidates).With("@group", group).With("@now", now.ToUnixMs()).With("@limit", limit)
            .ReadRowsAsync(QueueRowMapper.ReadCandidate, cancellationToken);

    private async Task WriteAsync(List<QueueMessage> leased, string[] dead, CancellationToken cancellationToken)
    {
        await using var batch = connection.Batch(
            new NpgsqlBatchCommand(QueueCommands.MarkLeased)
                .With("@group", group)
                .With("@now", now.ToUnixMs())
                .With("@msgIds", leased.Select(m => m.MsgId).ToArray())
                .With("@leaseUntils", leased.Select(m => m.LeaseUntil.ToUnixMs()).ToArray()),
            new NpgsqlBatchCommand(QueueCommands.MarkDeadMany)
                .With("@group", group).With("@msgIds", dead).With("@now", now.ToUnixMs()).With("@error", LeaseRule.ExpiredError));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }
}
