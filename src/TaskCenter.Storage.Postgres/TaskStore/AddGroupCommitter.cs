using System.Collections.Concurrent;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Storage.Postgres.TaskStore;

/// <summary>
/// Group commit for adds: the adds that arrive while one is being written wait, and are then written together as one
/// add (one statement, one transaction, one commit and WAL flush for the group), in the order they came. Each caller is
/// answered only after that commit. Equal tasks of two callers of a group resolve as if added one after the other
/// (the later one gets the earlier one's id). When the group's add fails for another reason than the database being
/// unavailable, each caller's add is written again on its own, so that one failing add fails only its caller (and an
/// add of many stays all or nothing). Under no load a group is one add, written by its caller straight away.
/// </summary>
/// <param name="write">Writes tasks in one transaction, results in the order given (an add of one or many).</param>
internal sealed class AddGroupCommitter(Func<IReadOnlyList<ScheduledTask>, Task<IReadOnlyList<AddTaskResult>>> write)
{
    /// <summary>
    /// Most tasks in one group (a caller's add of more is written alone): bounds one statement's arrays, how long its
    /// transaction holds its add locks, and how much one failing add sends back to be written one caller at a time.
    /// </summary>
    private const int MaxGroupTasks = 1000;

    private readonly ConcurrentQueue<PendingAdd> _waiting = new();
    private int _writing;

    public Task<IReadOnlyList<AddTaskResult>> AddAsync(IReadOnlyList<ScheduledTask> tasks, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<IReadOnlyList<AddTaskResult>>(cancellationToken);
        }

        var add = new PendingAdd(tasks, cancellationToken);
        _waiting.Enqueue(add);
        if (Interlocked.Exchange(ref _writing, 1) == 0)
        {
            // No group is being written: this caller starts the writer, which goes on until no add is waiting (the call
            // returns at its first await). It outlives this caller, so it does not carry the caller's context along.
            using (ExecutionContext.SuppressFlow())
            {
                _ = WriteGroupsAsync();
            }
        }

        return add.Result;
    }

    private async Task WriteGroupsAsync()
    {
        var group = new List<PendingAdd>();
        while (true)
        {
            Take(group);
            if (group.Count == 0)
            {
                Volatile.Write(ref _writing, 0);

                // An add queued after Take found none, but before the flag was down, started no writer: write it here.
                if (_waiting.IsEmpty || Interlocked.Exchange(ref _writing, 1) != 0)
                {
                    return;
                }

                continue;
            }

            await WriteAsync(group);
            foreach (var add in group)
            {
                add.Dispose();
            }

            group.Clear();
        }
    }

    /// <summary>The waiting adds, in order, up to <see cref="MaxGroupTasks"/> tasks (or one add of more); withdrawn ones are dropped.</summary>
    private void Take(List<PendingAdd> group)
    {
        var tasks = 0;
        while (_waiting.TryPeek(out var next) && (group.Count == 0 || tasks + next.Tasks.Count <= MaxGroupTasks))
        {
            _waiting.TryDequeue(out _);
            if (next.TryTake())
            {
                group.Add(next);
                tasks += next.Tasks.Count;
            }
            else
            {
                next.Dispose();
            }
        }
    }

    /// <summary>Writes the group and answers every caller of it; never throws.</summary>
    private async Task WriteAsync(List<PendingAdd> group)
    {
        if (group.Count == 1)
        {
            await WriteAloneAsync(group[0]);
            return;
        }

        IReadOnlyList<AddTaskResult> results;
        try
        {
            results = await write([.. group.SelectMany(add => add.Tasks)]);
        }
        catch (StorageUnavailableException unavailable)
        {
            // Written alone, each would fail the same way.
            foreach (var add in group)
            {
                add.Fail(unavailable);
            }

            return;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Nothing of the group is stored: find out whose add it was.
            foreach (var add in group)
            {
                await WriteAloneAsync(add);
            }

            return;
        }

        var offset = 0;
        foreach (var add in group)
        {
            add.Succeed([.. results.Skip(offset).Take(add.Tasks.Count)]);
            offset += add.Tasks.Count;
        }
    }

    private async Task WriteAloneAsync(PendingAdd add)
    {
        try
        {
            add.Succeed(await write(add.Tasks));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            add.Fail(exception);
        }
    }
}
