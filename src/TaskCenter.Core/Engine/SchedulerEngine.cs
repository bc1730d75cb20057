using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Engine;

/// <summary>
/// The scheduling loop. It sleeps until shortly before the earliest next fire in storage (its look-ahead, longer when
/// many fires fall due together: <see cref="LeadPlanner"/>; or until a writer schedules something earlier), takes the
/// tasks due by then in batches ordered by fire time, and commits each batch in one transaction. Fires recorded ahead
/// of their time wait in the queue and become available to consumers exactly at their time, so a consumer does not
/// wait for the commit.
/// <para>Guarantees, step by step:</para>
/// <list type="number">
/// <item>Planning is pure (<see cref="FirePlanner"/>); nothing is delivered yet.</item>
/// <item><see cref="IFireLedger.FireDueAsync"/> records the fires and advances their tasks atomically. A crash before
/// the commit loses nothing: the tasks are still due and are taken again at restart. A crash after it loses nothing
/// either: the fires are on disk, routed to the built-in queue, and the tasks have moved on, so none fires twice.</item>
/// <item>Only then are listeners told (consumers woken); they only speed delivery up, they carry no state.</item>
/// </list>
/// Memory is bounded by the batch size, whatever the number of pending tasks; each batch costs an index range scan.
/// The loop starts once the storage is ready (<see cref="StorageReadiness"/>).
/// </summary>
public sealed class SchedulerEngine(
    IFireLedger ledger,
    StorageReadiness readiness,
    EngineWakeup wakeup,
    IEnumerable<IFireListener> listeners,
    TaskIdGenerator ids,
    TimeProvider time,
    IOptions<EngineOptions> options,
    ILogger<SchedulerEngine> logger) : BackgroundService
{
    private static readonly TimeSpan ReplanInterval = TimeSpan.FromMilliseconds(250);

    private readonly EngineOptions _options = options.Value;
    private readonly FirePlanner _planner = new(options.Value.MisfireThreshold);
    private readonly LeadPlanner _lead = new(options.Value);
    private readonly IFireListener[] _listeners = [.. listeners];
    private DateTimeOffset? _storageDownSince;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await readiness.WhenReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                if (_storageDownSince is { } since)
                {
                    logger.LogInformation("The database is reachable again (unreachable since {Since:O}); scheduling resumes", since);
                    _storageDownSince = null;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (StorageUnavailableException e)
            {
                // One warning per outage, not one stack trace per retry; fires due meanwhile are taken when it is back.
                if (_storageDownSince is null)
                {
                    _storageDownSince = time.GetUtcNow();
                    logger.LogWarning("The database is unreachable ({Error}); the engine retries every {Backoff}", e.Message, _options.FailureBackoff);
                }

                await Task.Delay(_options.FailureBackoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Scheduling pass failed; retrying in {Backoff}", _options.FailureBackoff);
                await Task.Delay(_options.FailureBackoff, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Fires everything due now, then waits until the next fire is due or something earlier is scheduled.</summary>
    internal async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var woken = wakeup.Signal.Current;
        wakeup.Planned(null);
        while (await FireDueBatchAsync(cancellationToken) == _options.BatchSize)
        {
        }

        var earliest = await ledger.GetEarliestFireAsync(cancellationToken);
        wakeup.Planned(earliest);

        // Another server instance sharing the database may schedule earlier work, or die holding some: look again
        // after the poll interval at the latest.
        var pollBy = time.GetUtcNow() + _options.PollInterval;
        var wakeAt = earliest is { } at ? await PlanWakeAsync(at, cancellationToken) : pollBy;
        await wakeup.Signal.WaitUntilAsync(woken, wakeAt < pollBy ? wakeAt : pollBy, cancellationToken);
    }

    /// <summary>
    /// When to look next, the next fire being at <paramref name="at"/>: its lead before it, counting the tasks due
    /// around it; while that could still be a long lead, count again every <see cref="ReplanInterval"/>, because tasks
    /// added to that same second wake nobody (they are not earlier than the plan).
    /// </summary>
    private async Task<DateTimeOffset> PlanWakeAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var cap = _lead.CountCap;
        if (cap == 0)
        {
            return at - _lead.Plan(0);
        }

        var planFrom = at - _options.MaxLookAhead - ReplanInterval;
        if (time.GetUtcNow() < planFrom)
        {
            _lead.Plan(0);
            return planFrom;
        }

        var dueAround = await ledger.CountDueAsync(at + _options.LookAhead, cap, cancellationToken);
        var wakeAt = at - _lead.Plan(dueAround);
        var recheck = time.GetUtcNow() + ReplanInterval;
        return recheck < wakeAt ? recheck : wakeAt;
    }

    /// <summary>Fires one batch of due tasks; returns how many tasks were due.</summary>
    internal async Task<int> FireDueBatchAsync(CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var now = time.GetUtcNow();
        var horizon = now + _lead.Lead;
        var batch = await ledger.FireDueAsync(
            horizon,
            _options.BatchSize,
            due => due.Select(task => Advance(task, now, horizon)).ToList(),
            cancellationToken);
        if (batch.Due == 0)
        {
            return 0;
        }

        _lead.Measured(time.GetElapsedTime(started), batch.Due);
        foreach (var listener in _listeners)
        {
            listener.OnFired(batch.Recorded);
        }

        return batch.Due;
    }

    private TaskAdvance Advance(ScheduledTask task, DateTimeOffset now, DateTimeOffset horizon)
    {
        FirePlan plan;
        try
        {
            plan = _planner.Plan(task, now, horizon);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            // A stored task that can no longer be scheduled (its zone removed from the system's tzdata, a time past
            // the year 9999): finish it loudly rather than let it block every batch it is in.
            logger.LogError(e, "Task {TaskId} ({Name}) cannot be scheduled any more; marking it finished", task.Id, task.Name);
            return new TaskAdvance(task with { State = TaskState.Finished, NextFireAt = null, FinishedAt = now }, []);
        }

        var fires = new FireRecord[plan.FireTimes.Count];
        for (var i = 0; i < fires.Length; i++)
        {
            fires[i] = FireRecord.Of(task, ids.NewId(), plan.FireTimes[i], now);
        }

        return new TaskAdvance(plan.Task, fires);
    }
}
