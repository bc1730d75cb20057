using System.Diagnostics.Metrics;
using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Telemetry;

/// <summary>
/// The built-in queue's counters, labelled by consumer group: groups are few and chosen by operators, unlike task names.
/// A one-tag overload with the group string as value records without allocating.
/// </summary>
public static class QueueMetrics
{
    private const string GroupLabel = "group";

    private static readonly Counter<long> Deliveries = TaskCenterMeter.Meter.CreateCounter<long>(
        "taskcenter.queue.deliveries", "{message}", "Messages handed out to consumers, redeliveries included.");

    private static readonly Counter<long> Acks = TaskCenterMeter.Meter.CreateCounter<long>(
        "taskcenter.queue.acks", "{message}", "Messages acknowledged.");

    private static readonly Counter<long> Nacks = TaskCenterMeter.Meter.CreateCounter<long>(
        "taskcenter.queue.nacks", "{message}", "Messages rejected by a consumer.");

    private static readonly Counter<long> Retries = TaskCenterMeter.Meter.CreateCounter<long>(
        "taskcenter.queue.retries", "{message}", "Rejected messages scheduled to be delivered again.");

    private static readonly Counter<long> DeadLetters = TaskCenterMeter.Meter.CreateCounter<long>(
        "taskcenter.queue.dead_letters", "{message}", "Rejected messages moved to the dead letters, their retries used up.");

    /// <summary>Counts a consume's messages; first deliveries also record their lateness (a retry is late by design).</summary>
    public static void HandedOut(string group, IReadOnlyList<QueueMessage> messages, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return;
        }

        var tag = Group(group);
        Deliveries.Add(messages.Count, tag);
        for (var i = 0; i < messages.Count; i++)
        {
            if (messages[i].Attempt == 1)
            {
                FireLateness.Record(now - messages[i].FireTime, tag);
            }
        }
    }

    public static void Acked(string group, int count)
    {
        if (count > 0)
        {
            Acks.Add(count, Group(group));
        }
    }

    public static void Nacked(string group, NackResult result)
    {
        var tag = Group(group);
        switch (result)
        {
            case NackResult.Retrying:
                Nacks.Add(1, tag);
                Retries.Add(1, tag);
                break;
            case NackResult.DeadLettered:
                Nacks.Add(1, tag);
                DeadLetters.Add(1, tag);
                break;
            default:
                break;
        }
    }

    private static KeyValuePair<string, object?> Group(string group) => new(GroupLabel, group);
}
