using Microsoft.Data.Sqlite;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Sqlite.Database;
using TaskCenter.Storage.Sqlite.TaskStore;

namespace TaskCenter.Storage.Sqlite.Ledger;

/// <summary>
/// Records fires and routes them to the subscribed groups (or, with the outbox, marks them for the transport), inside
/// the caller's write transaction. The two commands are prepared once and re-executed with new parameter values for
/// every fire of a batch.
/// </summary>
internal sealed class FireRecorder : IDisposable
{
    private readonly SubscriptionIndex? _subscriptions;
    private readonly SqliteCommand _insertFire;
    private readonly SqliteCommand _insertDelivery;
    private readonly SqliteParameter _msgId;
    private readonly SqliteParameter _taskId;
    private readonly SqliteParameter _name;
    private readonly SqliteParameter _data;
    private readonly SqliteParameter _fireTime;
    private readonly SqliteParameter _recordedAt;
    private readonly SqliteParameter _leaseMs;
    private readonly SqliteParameter _ack;
    private readonly SqliteParameter _unrouted;
    private readonly SqliteParameter _unpublished;
    private readonly SqliteParameter _deliveryGroup;
    private readonly SqliteParameter _deliveryMsgId;
    private readonly SqliteParameter _deliveryFireTime;
    private readonly SqliteParameter _deliveryAvailableAt;

    /// <param name="subscriptions">The groups to route to; <see langword="null"/> records into the outbox instead.</param>
    private FireRecorder(SqliteConnection connection, SqliteTransaction transaction, SubscriptionIndex? subscriptions)
    {
        _subscriptions = subscriptions;
        _insertFire = connection.Command(QueueCommands.InsertFire, transaction);
        _msgId = _insertFire.Parameter("@msgId", SqliteType.Text);
        _taskId = _insertFire.Parameter("@taskId", SqliteType.Text);
        _name = _insertFire.Parameter("@name", SqliteType.Text);
        _data = _insertFire.Parameter("@data", SqliteType.Text);
        _fireTime = _insertFire.Parameter("@fireTime", SqliteType.Integer);
        _recordedAt = _insertFire.Parameter("@recordedAt", SqliteType.Integer);
        _leaseMs = _insertFire.Parameter("@leaseMs", SqliteType.Integer);
        _ack = _insertFire.Parameter("@ack", SqliteType.Integer);
        _unrouted = _insertFire.Parameter("@unrouted", SqliteType.Integer);
        _unpublished = _insertFire.Parameter("@unpublished", SqliteType.Integer);
        _unpublished.Set(subscriptions is null ? 1 : 0);

        _insertDelivery = connection.Command(QueueCommands.InsertDelivery, transaction);
        _deliveryGroup = _insertDelivery.Parameter("@group", SqliteType.Text);
        _deliveryMsgId = _insertDelivery.Parameter("@msgId", SqliteType.Text);
        _deliveryFireTime = _insertDelivery.Parameter("@fireTime", SqliteType.Integer);
        _deliveryAvailableAt = _insertDelivery.Parameter("@availableAt", SqliteType.Integer);
    }

    /// <summary>
    /// Applies the engine's advances inside the caller's write: each task's bookkeeping, only where its version still
    /// matches (a task deleted or changed since the engine read it is skipped, with its fires), and its fires, recorded
    /// and routed by <paramref name="subscriptions"/> (into the outbox when null). Returns the fires recorded and the
    /// deliveries made.
    /// </summary>
    public static (List<FireRecord> Recorded, List<RoutedFire> Routed) Commit(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<TaskAdvance> advances, SubscriptionIndex? subscriptions)
    {
        using var update = connection.Command(TaskCommands.Advance, transaction);
        var id = update.Parameter("@id", SqliteType.Text);
        var version = update.Parameter("@version", SqliteType.Integer);
        var state = update.Parameter("@state", SqliteType.Text);
        var firedCount = update.Parameter("@firedCount", SqliteType.Integer);
        var nextFireAt = update.Parameter("@nextFireAt", SqliteType.Integer);
        var finishedAt = update.Parameter("@finishedAt", SqliteType.Integer);
        using var recorder = new FireRecorder(connection, transaction, subscriptions);
        var recorded = new List<FireRecord>();
        var routed = new List<RoutedFire>();
        foreach (var advance in advances)
        {
            var task = advance.Task;
            id.Set(task.Id);
            version.Set(task.Version);
            state.Set(task.State.ToWire());
            firedCount.Set(task.FiredCount);
            nextFireAt.Set(task.NextFireAt.ToUnixMs());
            finishedAt.Set(task.FinishedAt.ToUnixMs());
            if (update.ExecuteNonQuery() == 0)
            {
                continue; // Deleted or changed since the engine read it: its fires are dropped.
            }

            foreach (var fire in advance.Fires)
            {
                if (recorder.Record(fire, routed))
                {
                    recorded.Add(fire);
                }
            }
        }

        return (recorded, routed);
    }

    /// <summary>
    /// Records the fire and gives every matching group a ready delivery, visible at the fire time; with no matching
    /// group it is kept as unrouted. Into the outbox, it gets no deliveries. Returns false (and routes nothing) when the fire was already recorded. Each
    /// delivery made is added to <paramref name="routed"/>.
    /// </summary>
    private bool Record(FireRecord fire, List<RoutedFire> routed)
    {
        var groups = _subscriptions?.GroupsFor(fire.Name) ?? [];
        var fireTime = fire.FireTime.ToUnixMs();
        _msgId.Set(fire.MsgId);
        _taskId.Set(fire.TaskId);
        _name.Set(fire.Name);
        _data.Set(fire.Data);
        _fireTime.Set(fireTime);
        _recordedAt.Set(fire.RecordedAt.ToUnixMs());
        _leaseMs.Set(fire.Lease is { } lease && lease > TimeSpan.Zero ? lease.ToMs() : null);
        _ack.Set(fire.Ack ? 1 : 0);
        _unrouted.Set(_subscriptions is not null && groups.Count == 0 ? 1 : 0);
        if (_insertFire.ExecuteNonQuery() == 0)
        {
            return false;
        }

        foreach (var group in groups)
        {
            _deliveryGroup.Set(group);
            _deliveryMsgId.Set(fire.MsgId);
            _deliveryFireTime.Set(fireTime);
            _deliveryAvailableAt.Set(fireTime);
            if (_insertDelivery.ExecuteNonQuery() > 0)
            {
                routed.Add(new RoutedFire(group, fire));
            }
        }

        return true;
    }

    public void Dispose()
    {
        _insertFire.Dispose();
        _insertDelivery.Dispose();
    }
}
