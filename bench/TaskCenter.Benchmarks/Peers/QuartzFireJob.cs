using Quartz;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// The Quartz.NET job of every Quartz peer: records its index (from the job's data map) and the time Quartz scheduled
/// the fire for (<see cref="IJobExecutionContext.ScheduledFireTimeUtc"/>). Quartz 4 builds jobs through its container,
/// where <see cref="QuartzPeer"/> registers the run's <see cref="FireLog"/>.
/// </summary>
public sealed class QuartzFireJob(FireLog log) : IJob
{
    /// <summary>The job data key that carries the harness's job index.</summary>
    public const string IndexKey = "index";

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        log.Record(context.MergedJobDataMap.GetInt(IndexKey), context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        return ValueTask.CompletedTask;
    }
}
