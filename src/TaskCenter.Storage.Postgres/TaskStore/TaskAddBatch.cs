using Npgsql;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>
/// The tasks of one write of adds (one caller's add of one or many, or a group of callers' adds:
/// <see cref="AddGroupCommitter"/>) as <see cref="TaskCommands.AddTasks"/> takes them. That statement sees only the
/// tasks stored before it, so a task equal (same name and stored data) to an earlier live task of the same batch is
/// resolved here instead: it gets that task's result, not created, as adding them one after another would give it.
/// </summary>
internal sealed class TaskAddBatch
{
    private readonly List<ScheduledTask> _sent = [];
    private readonly List<byte[]> _payloads = [];

    /// <summary>Per task given: its index in <see cref="_sent"/>, or -1 - (the index of the earlier task it equals).</summary>
    private readonly int[] _slots;

    public TaskAddBatch(IReadOnlyList<ScheduledTask> tasks)
    {
        _slots = new int[tasks.Count];
        var firstLive = new Dictionary<(string Name, string Data), int>();
        for (var i = 0; i < tasks.Count; i++)
        {
            var payload = PostgresText.ToPayload(tasks[i].Data);
            var key = (PostgresText.Storable(tasks[i].Name), Convert.ToBase64String(payload));
            if (firstLive.TryGetValue(key, out var earlier))
            {
                _slots[i] = -1 - earlier;
                continue;
            }

            if (tasks[i].State is TaskState.Pending or TaskState.Active or TaskState.Paused)
            {
                firstLive[key] = i;
            }

            _slots[i] = _sent.Count;
            _sent.Add(tasks[i]);
            _payloads.Add(payload);
        }
    }

    /// <summary>The add locks: one key per (name, data) of the batch.</summary>
    public NpgsqlBatchCommand Locks(string prefix) => new NpgsqlBatchCommand(AdvisoryLocks.ExclusiveForAdd)
        .With("@lock", prefix).With("@names", _sent.Select(t => t.Name).ToArray()).With("@datas", _payloads.ToArray());

    /// <summary><see cref="TaskCommands.AddTasks"/> for the tasks it must look up and maybe insert, a column per array.</summary>
    public NpgsqlBatchCommand Add(string channel) => new NpgsqlBatchCommand(TaskCommands.AddTasks)
        .With("@channel", channel)
        .With("@newIds", _sent.Select(t => t.Id).ToArray())
        .With("@names", _sent.Select(t => t.Name).ToArray())
        .With("@types", _sent.Select(t => (short)t.Type).ToArray())
        .With("@datas", _payloads.ToArray())
        .With("@crontabs", _sent.Select(t => t.Crontab).ToArray())
        .With("@loopTimes", _sent.Select(t => UnixSeconds.Of(t.LoopTime)).ToArray())
        .With("@loopCounts", _sent.Select(t => t.LoopCount).ToArray())
        .With("@startTimes", _sent.Select(t => UnixSeconds.Of(t.StartTime)).ToArray())
        .With("@endTimes", _sent.Select(t => UnixSeconds.Of(t.EndTime)).ToArray())
        .With("@maxRuntimes", _sent.Select(t => UnixSeconds.Of(t.MaxRuntime)).ToArray())
        .With("@acks", _sent.Select(t => t.Ack).ToArray())
        .With("@timeZones", _sent.Select(t => t.TimeZone).ToArray())
        .With("@states", _sent.Select(t => t.State.ToWire()).ToArray())
        .With("@firedCounts", _sent.Select(t => t.FiredCount).ToArray())
        .With("@nextFireAts", _sent.Select(t => t.NextFireAt.ToUnixMs()).ToArray())
        .With("@createdAts", _sent.Select(t => UnixSeconds.Of(t.CreatedAt)).ToArray())
        .With("@versions", _sent.Select(t => t.Version).ToArray())
        .With("@finishedAts", _sent.Select(t => t.FinishedAt.ToUnixMs()).ToArray());

    /// <summary>The results in the order given, from the statement's "existing" column (null: inserted).</summary>
    public IReadOnlyList<AddTaskResult> Results(IReadOnlyList<string?> existing)
    {
        var results = new AddTaskResult[_slots.Length];
        for (var i = 0; i < _slots.Length; i++)
        {
            results[i] = _slots[i] >= 0
                ? existing[_slots[i]] is { } id ? new AddTaskResult(id, Created: false) : new AddTaskResult(_sent[_slots[i]].Id, Created: true)
                : results[-1 - _slots[i]] with { Created = false };
        }

        return results;
    }
}
