namespace TaskCenter.Benchmarks.Scenarios;

/// <summary>Whole seconds: every schedule in TaskCenter is whole seconds, so every scenario schedules on them.</summary>
public static class Clock
{
    /// <summary>The first whole second at or after <paramref name="time"/>.</summary>
    public static DateTimeOffset CeilingSecond(DateTimeOffset time)
    {
        var floor = FloorSecond(time);
        return floor == time ? floor : floor.AddSeconds(1);
    }

    /// <summary>The whole second at or before <paramref name="time"/>.</summary>
    public static DateTimeOffset FloorSecond(DateTimeOffset time) =>
        DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds());
}
