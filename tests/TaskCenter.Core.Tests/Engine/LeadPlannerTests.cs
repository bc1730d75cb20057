using TaskCenter.Core.Engine;

namespace TaskCenter.Core.Tests.Engine;

public sealed class LeadPlannerTests
{
    private static readonly TimeSpan Cost = LeadPlanner.InitialFireCost;

    private static LeadPlanner Planner(double lookAheadMs = 500, double maxLookAheadMs = 5000) => new(new EngineOptions
    {
        LookAhead = TimeSpan.FromMilliseconds(lookAheadMs),
        MaxLookAhead = TimeSpan.FromMilliseconds(maxLookAheadMs),
    });

    [Fact]
    public void With_nothing_due_around_the_next_fire_the_lead_is_the_look_ahead()
    {
        var planner = Planner();

        Assert.Equal(TimeSpan.FromMilliseconds(500), planner.Lead);
        Assert.Equal(TimeSpan.FromMilliseconds(500), planner.Plan(0));
    }

    [Fact]
    public void A_burst_that_takes_longer_to_record_than_the_look_ahead_gets_twice_that_time()
    {
        var planner = Planner();

        Assert.Equal(TimeSpan.FromMilliseconds(500), planner.Plan(10_000)); // 10,000 × 2 × 25 µs = 500 ms: the look-ahead covers it
        Assert.Equal(40_000 * 2 * Cost, planner.Plan(40_000));
        Assert.Equal(TimeSpan.FromSeconds(2), planner.Lead);
    }

    [Fact]
    public void The_lead_never_exceeds_the_max_look_ahead_and_counting_stops_where_it_would()
    {
        var planner = Planner();

        Assert.Equal(TimeSpan.FromSeconds(5), planner.Plan(10_000_000));
        Assert.Equal((int)(TimeSpan.FromSeconds(5).Ticks / (2 * Cost.Ticks)) + 1, planner.CountCap);
        Assert.Equal(TimeSpan.FromSeconds(5), planner.Plan(planner.CountCap));
    }

    [Fact]
    public void With_the_max_at_the_look_ahead_nothing_is_counted_and_the_lead_stays()
    {
        var planner = Planner(lookAheadMs: 500, maxLookAheadMs: 500);

        Assert.Equal(0, planner.CountCap);
        Assert.Equal(TimeSpan.FromMilliseconds(500), planner.Plan(1_000_000));
    }

    [Fact]
    public void The_cost_per_fire_follows_what_passes_measure()
    {
        var planner = Planner();

        planner.Measured(TimeSpan.FromMilliseconds(100), tasks: 1000); // 100 µs each
        var once = planner.FireCost;
        for (var i = 0; i < 100; i++)
        {
            planner.Measured(TimeSpan.FromMilliseconds(100), tasks: 1000);
        }

        Assert.InRange(once, Cost + TimeSpan.FromMicroseconds(1), TimeSpan.FromMicroseconds(99));
        Assert.InRange(planner.FireCost, TimeSpan.FromMicroseconds(99), TimeSpan.FromMicroseconds(100));
        Assert.InRange(planner.Plan(5000), TimeSpan.FromMilliseconds(990), TimeSpan.FromMilliseconds(1000));
    }

    [Fact]
    public void Empty_or_instant_passes_leave_the_cost_alone()
    {
        var planner = Planner();

        planner.Measured(TimeSpan.Zero, tasks: 1000);
        planner.Measured(TimeSpan.FromMilliseconds(5), tasks: 0);

        Assert.Equal(Cost, planner.FireCost);
    }
}
