using TaskCenter.Core.Engine;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Tests.Engine;

public class FirePlannerTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly FirePlanner _planner = new(misfireThreshold: TimeSpan.FromSeconds(60));

    private static ScheduledTask Task(TaskType type, DateTimeOffset next, long loopTime = 0, long loopCount = 0,
        string crontab = "", long? endTime = null, long fired = 0) => new()
    {
        Id = "0123456789abcdef01234567",
        Name = "t",
        Type = type,
        Data = "d",
        Crontab = crontab,
        LoopTime = TimeSpan.FromSeconds(loopTime),
        LoopCount = loopCount,
        EndTime = UnixSeconds.ToTime(endTime),
        CreatedAt = T0.AddSeconds(-100),
        NextFireAt = next,
        FiredCount = fired,
        State = fired > 0 ? TaskState.Active : TaskState.Pending,
    };

    [Fact]
    public void One_shot_fires_once_at_its_time_and_finishes()
    {
        var plan = _planner.Plan(Task(TaskType.OneShot, T0), T0.AddMilliseconds(3));

        Assert.Equal([T0], plan.FireTimes);
        Assert.Equal(TaskState.Finished, plan.Task.State);
        Assert.Null(plan.Task.NextFireAt);
        Assert.Equal(1, plan.Task.FiredCount);
        Assert.Equal(T0.AddMilliseconds(3), plan.Task.FinishedAt);
    }

    [Fact]
    public void One_shot_missed_by_far_more_than_the_threshold_still_fires_with_its_scheduled_time()
    {
        var plan = _planner.Plan(Task(TaskType.OneShot, T0), T0.AddHours(5));

        Assert.Equal([T0], plan.FireTimes);
        Assert.Equal(TaskState.Finished, plan.Task.State);
    }

    [Fact]
    public void Task_not_yet_due_produces_nothing()
    {
        var task = Task(TaskType.Interval, T0, loopTime: 10);
        var plan = _planner.Plan(task, T0.AddMilliseconds(-1));

        Assert.Empty(plan.FireTimes);
        Assert.Equal(T0, plan.Task.NextFireAt);
        Assert.Equal(TaskState.Pending, plan.Task.State);
    }

    [Fact]
    public void Interval_is_anchored_to_the_scheduled_time_not_to_when_it_was_processed()
    {
        var plan = _planner.Plan(Task(TaskType.Interval, T0, loopTime: 30), T0.AddMilliseconds(870));

        Assert.Equal([T0], plan.FireTimes);
        Assert.Equal(T0.AddSeconds(30), plan.Task.NextFireAt);
        Assert.Equal(TaskState.Active, plan.Task.State);
    }

    [Fact]
    public void Fires_missed_within_the_threshold_are_all_produced_in_order()
    {
        var plan = _planner.Plan(Task(TaskType.Interval, T0, loopTime: 10), T0.AddSeconds(50));

        Assert.Equal(Enumerable.Range(0, 6).Select(i => T0.AddSeconds(10 * i)), plan.FireTimes);
        Assert.Equal(T0.AddSeconds(60), plan.Task.NextFireAt);
        Assert.Equal(6, plan.Task.FiredCount);
    }

    [Fact]
    public void Fires_missed_beyond_the_threshold_are_coalesced_into_one_then_the_schedule_continues()
    {
        var now = T0.AddSeconds(3600);
        var plan = _planner.Plan(Task(TaskType.Interval, T0, loopTime: 30), now);

        // One fire for the hour beyond the threshold, then every fire of the last 60 s, on the 30 s grid.
        Assert.Equal([T0, T0.AddSeconds(3540), T0.AddSeconds(3570), T0.AddSeconds(3600)], plan.FireTimes);
        Assert.Equal(T0.AddSeconds(3630), plan.Task.NextFireAt);
    }

    [Fact]
    public void Cron_misfire_beyond_the_threshold_fires_once_and_resumes_on_the_crontab()
    {
        var task = Task(TaskType.Cron, T0, crontab: "* * * * *");
        var now = T0.AddMinutes(90).AddSeconds(30);
        var plan = _planner.Plan(task, now);

        Assert.Equal([T0, T0.AddMinutes(90)], plan.FireTimes);
        Assert.Equal(T0.AddMinutes(91), plan.Task.NextFireAt);
    }

    [Fact]
    public void Loop_count_caps_the_fires_and_finishes_the_task()
    {
        var plan = _planner.Plan(Task(TaskType.Interval, T0, loopTime: 10, loopCount: 3, fired: 1), T0.AddSeconds(40));

        Assert.Equal([T0, T0.AddSeconds(10)], plan.FireTimes);
        Assert.Equal(3, plan.Task.FiredCount);
        Assert.Equal(TaskState.Finished, plan.Task.State);
        Assert.Null(plan.Task.NextFireAt);
    }

    [Fact]
    public void A_coalesced_misfire_counts_once_toward_loop_count()
    {
        var plan = _planner.Plan(Task(TaskType.Interval, T0, loopTime: 1, loopCount: 5), T0.AddHours(1));

        Assert.Equal(5, plan.FireTimes.Count);
        Assert.Equal(T0, plan.FireTimes[0]);
        Assert.Equal(T0.AddSeconds(3540), plan.FireTimes[1]);
        Assert.Equal(TaskState.Finished, plan.Task.State);
    }

    [Fact]
    public void No_fire_after_end_time()
    {
        var end = T0.AddSeconds(25).ToUnixTimeSeconds();
        var plan = _planner.Plan(Task(TaskType.Interval, T0, loopTime: 10, endTime: end), T0.AddSeconds(45));

        Assert.Equal([T0, T0.AddSeconds(10), T0.AddSeconds(20)], plan.FireTimes);
        Assert.Equal(TaskState.Finished, plan.Task.State);
    }

    [Fact]
    public void A_task_whose_next_fire_would_pass_end_time_finishes_at_its_last_fire()
    {
        var end = T0.AddSeconds(5).ToUnixTimeSeconds();
        var plan = _planner.Plan(Task(TaskType.Interval, T0, loopTime: 10, endTime: end), T0);

        Assert.Equal([T0], plan.FireTimes);
        Assert.Equal(TaskState.Finished, plan.Task.State);
        Assert.Null(plan.Task.NextFireAt);
    }

    [Fact]
    public void A_fire_exactly_at_end_time_is_produced()
    {
        var end = T0.AddSeconds(10).ToUnixTimeSeconds();
        var plan = _planner.Plan(Task(TaskType.Interval, T0, loopTime: 10, endTime: end), T0.AddSeconds(10));

        Assert.Equal([T0, T0.AddSeconds(10)], plan.FireTimes);
        Assert.Equal(TaskState.Finished, plan.Task.State);
    }

    [Fact]
    public void The_fires_of_one_plan_are_capped_and_the_rest_stays_due()
    {
        var planner = new FirePlanner(TimeSpan.FromDays(1), maxFiresPerTask: 100);
        var plan = planner.Plan(Task(TaskType.Interval, T0, loopTime: 1), T0.AddSeconds(1000));

        Assert.Equal(100, plan.FireTimes.Count);
        Assert.Equal(T0.AddSeconds(100), plan.Task.NextFireAt);
    }

    [Fact]
    public void First_fire_of_a_one_shot_without_start_time_is_now()
    {
        var task = Task(TaskType.OneShot, T0) with { NextFireAt = null };

        Assert.Equal(T0, FirePlanner.FirstFire(task, T0));
    }

    [Fact]
    public void First_fire_of_an_interval_task_is_its_start_time_when_in_the_future()
    {
        var start = T0.AddMinutes(5);
        var task = Task(TaskType.Interval, T0, loopTime: 30) with { StartTime = start, NextFireAt = null };

        Assert.Equal(start, FirePlanner.FirstFire(task, T0));
    }

    [Fact]
    public void First_fire_of_a_cron_task_is_its_first_occurrence_at_or_after_start_time()
    {
        var start = DateTimeOffset.Parse("2030-01-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var task = Task(TaskType.Cron, T0, crontab: "0 10 * * *") with { StartTime = start, NextFireAt = null };

        Assert.Equal(start, FirePlanner.FirstFire(task, T0));
    }

    [Fact]
    public void First_fire_of_a_cron_task_in_a_zone_is_read_in_that_zone()
    {
        var now = DateTimeOffset.Parse("2024-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var task = Task(TaskType.Cron, now, crontab: "0 9 * * *") with { TimeZone = "Asia/Shanghai", NextFireAt = null };

        Assert.Equal(DateTimeOffset.Parse("2024-01-01T01:00:00Z", System.Globalization.CultureInfo.InvariantCulture), FirePlanner.FirstFire(task, now));
    }

    [Fact]
    public void An_interval_task_at_the_end_of_time_finishes_instead_of_overflowing()
    {
        var last = DateTimeOffset.MaxValue.AddSeconds(-5);
        var plan = _planner.Plan(Task(TaskType.Interval, last, loopTime: 10), last);

        Assert.Equal([last], plan.FireTimes);
        Assert.Equal(TaskState.Finished, plan.Task.State);
    }

    [Fact]
    public void Fires_up_to_the_horizon_are_planned_ahead_and_misfires_are_judged_against_now()
    {
        var plan = _planner.Plan(Task(TaskType.Interval, T0, loopTime: 1), now: T0.AddMilliseconds(-700), horizon: T0.AddMilliseconds(1300));

        Assert.Equal([T0, T0.AddSeconds(1)], plan.FireTimes);
        Assert.Equal(T0.AddSeconds(2), plan.Task.NextFireAt);
    }
}
