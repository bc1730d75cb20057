using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// What both Quartz.NET 4 peers share: an in-process scheduler built with <see cref="QuartzSchedulerBuilder"/>, one
/// job and one simple trigger per scheduled item (the usual Quartz idiom; a single shared job with many triggers would
/// also make the in-memory store's per-job trigger list O(n) to update), the job index in the job data map.
/// </summary>
/// <remarks>
/// Tuning, as a user who read the configuration reference would: <see cref="MaxConcurrency"/> worker slots (default 10)
/// and trigger acquisition in batches of the same size (default 1), so a burst due at one instant is acquired and fired
/// 20 at a time instead of one per scheduler-loop pass. The fire-ahead window stays at its default of zero: a wider
/// window fires a batch's later triggers early (at the first one's time). The misfire threshold stays at each store's
/// default (5 s in memory, 60 s for AdoJobStore). What a misfire (a fire later than that) does, per Quartz's "smart"
/// policy: a one-shot fires now and reports its original <see cref="IJobExecutionContext.ScheduledFireTimeUtc"/>; a
/// recurring trigger is rescheduled from now with its remaining count, so its later fires report the shifted times
/// (measure recurring lateness against the intended times, not <see cref="Fire.ScheduledAt"/>). AdoJobStore leaves
/// a trigger that is already more than the threshold overdue when scheduled to its misfire handler, which runs every
/// threshold (60 s): such a one-shot fires up to a minute after it was scheduled.
/// </remarks>
public abstract class QuartzPeer : ISystemUnderTest
{
    /// <summary>Jobs that may run at once, and the trigger acquisition batch size.</summary>
    public const int MaxConcurrency = 20;

    private static int s_instances;
    private StandaloneSchedulerFactory? _factory;
    private IScheduler? _scheduler;
    private long _sequence;
    private bool _stopped;

    public abstract string Name { get; }

    public abstract bool Durable { get; }

    public async Task StartAsync(FireLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        if (_scheduler is not null)
        {
            throw new InvalidOperationException($"{Name} was already started.");
        }

        var configureStore = await PrepareStoreAsync(cancellationToken);
        var instanceName = $"bench-{GetType().Name}-{Interlocked.Increment(ref s_instances)}";
        _factory = QuartzSchedulerBuilder.Create(quartz =>
        {
            quartz.Services.AddSingleton(log);
            quartz.ConfigureScheduler(options =>
            {
                // Unique per instance: Quartz keeps schedulers (and AdoJobStore rows) by name.
                options.InstanceName = instanceName;
                options.MaxBatchSize = MaxConcurrency;
            });
            quartz.UseDefaultThreadPool(MaxConcurrency);
            configureStore(quartz);
        }).Build();
        _scheduler = await _factory.GetScheduler(cancellationToken);
        await _scheduler.Start(cancellationToken);
    }

    public async Task ScheduleOnceAsync(int index, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (job, trigger) = Build(index, at, schedule: null);
        await Scheduler.ScheduleJob(job, trigger, default, cancellationToken);
    }

    public async Task ScheduleRecurringAsync(int index, DateTimeOffset firstAt, TimeSpan interval, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var schedule = SimpleScheduleBuilder.Create().WithInterval(interval).WithRepeatCount(count - 1);
        var (job, trigger) = Build(index, firstAt, schedule);
        await Scheduler.ScheduleJob(job, trigger, default, cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is not null && !_stopped)
        {
            _stopped = true;
            await _scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            _factory = null;
        }

        await DisposeStoreAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Prepares a fresh, empty job store and returns how to configure the scheduler to use it.</summary>
    protected abstract Task<Action<IQuartzBuilder>> PrepareStoreAsync(CancellationToken cancellationToken);

    /// <summary>Releases what <see cref="PrepareStoreAsync"/> set up, after the scheduler is gone.</summary>
    protected virtual ValueTask DisposeStoreAsync() => ValueTask.CompletedTask;

    private IScheduler Scheduler => _scheduler ?? throw new InvalidOperationException($"{Name} is not started.");

    /// <summary>A job and its simple trigger (one-shot without <paramref name="schedule"/>).</summary>
    private (IJobDetail Job, ITrigger Trigger) Build(int index, DateTimeOffset startAt, SimpleScheduleBuilder? schedule)
    {
        // Names from a sequence, not the index, so a harness that reuses an index never collides.
        var name = Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
        var job = JobBuilder.Create<QuartzFireJob>().WithIdentity(name).UsingJobData(QuartzFireJob.IndexKey, index).Build();
        var trigger = TriggerBuilder.Create().WithIdentity(name).ForJob(job).StartAt(startAt);
        if (schedule is not null)
        {
            trigger = trigger.WithSchedule(schedule);
        }

        return (job, trigger.Build());
    }
}
