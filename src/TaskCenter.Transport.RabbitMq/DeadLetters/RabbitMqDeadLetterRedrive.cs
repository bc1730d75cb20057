using RabbitMQ.Client.Exceptions;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Transport.RabbitMq.Broker;
using TaskCenter.Transport.RabbitMq.Publishing;

namespace TaskCenter.Transport.RabbitMq.DeadLetters;

/// <summary>
/// Redrives dead letters over RabbitMQ: each goes back to its group's queue only (through the retry exchange) with
/// attempt 1, and is removed from storage once the broker confirmed it. Fails (moving nothing it could not confirm) when
/// the broker is unreachable or the group has no queue on it.
/// </summary>
public sealed class RabbitMqDeadLetterRedrive : IDeadLetterRedrive
{
    private const int PageSize = 1000;

    private readonly BrokerConnection _broker;
    private readonly IFireLedger _ledger;

    internal RabbitMqDeadLetterRedrive(BrokerConnection broker, IFireLedger ledger)
    {
        _broker = broker;
        _ledger = ledger;
    }

    public async Task<IReadOnlyList<string>> RedriveAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken)
    {
        try
        {
            return await RedriveOverBrokerAsync(group, msgIds, cancellationToken);
        }
        catch (PublishReturnException e)
        {
            throw new TransportUnavailableException($"RabbitMQ has no queue for group {group}: start a consumer of the group first", e);
        }
        catch (Exception e) when (BrokerFailures.IsBrokerFailure(e))
        {
            throw new TransportUnavailableException($"RabbitMQ is unavailable: {e.Message}", e);
        }
    }

    private async Task<IReadOnlyList<string>> RedriveOverBrokerAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken)
    {
        var letters = await ListAsync(group, msgIds, cancellationToken);
        if (letters.Count == 0)
        {
            return [];
        }

        var channel = await _broker.OpenChannelAsync(confirms: true, cancellationToken);
        await using (channel)
        {
            var moved = new List<string>(letters.Count);
            foreach (var batch in letters.Chunk(_broker.Options.PublishBatchSize))
            {
                var messages = batch.Select(letter => OutgoingMessage.ForRedrive(_broker.Names, letter)).ToList();
                await ConfirmedPublisher.PublishAllAsync(channel, messages, mandatory: true, _broker.Options.ConfirmTimeout, cancellationToken);
                var ids = batch.Select(letter => letter.MsgId).ToList();
                moved.AddRange(await _ledger.PurgeDeadLettersAsync(group, ids, CancellationToken.None));
            }

            return moved;
        }
    }

    /// <summary>The group's dead letters, all of them or those named, read page by page.</summary>
    private async Task<List<DeadLetter>> ListAsync(string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken)
    {
        var wanted = msgIds is null ? null : new HashSet<string>(msgIds, StringComparer.Ordinal);
        var letters = new List<DeadLetter>();
        if (wanted is { Count: 0 })
        {
            return letters;
        }

        string? after = null;
        while (true)
        {
            var page = await _ledger.ListDeadLettersAsync(group, PageSize, after, cancellationToken);
            letters.AddRange(wanted is null ? page : page.Where(letter => wanted.Contains(letter.MsgId)));
            if (page.Count < PageSize)
            {
                return letters;
            }

            after = page[^1].MsgId;
        }
    }
}
