using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskCenter.Core.Alerts;
using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Tests.Alerts;

public class FireRateAlertsTests
{
    private static readonly DateTimeOffset Minute = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly FakeTimeProvider _clock = new(Minute);
    private readonly RecordingLogger _log = new();

    private FireRateAlerts Alerts(long perName, long total) =>
        new(_clock, Options.Create(new AlertOptions { NameAlertCount = perName, TotalAlertCount = total }), _log);

    private static FireRecord[] Fires(string name, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new FireRecord
        {
            MsgId = $"m{i}", TaskId = "t", Name = name, Data = "", FireTime = Minute, RecordedAt = Minute,
        })];

    [Fact]
    public void Counts_fires_per_name_and_in_total_for_the_current_minute()
    {
        var alerts = Alerts(0, 0);
        alerts.OnFired(Fires("a", 3));
        alerts.OnFired(Fires("b", 2));

        Assert.Equal(new Dictionary<string, long> { ["a"] = 3, ["b"] = 2, ["total"] = 5 }, alerts.CurrentMinute());

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(new Dictionary<string, long> { ["total"] = 0 }, alerts.CurrentMinute());
        Assert.Empty(_log.Warnings);
    }

    [Fact]
    public void Warns_once_per_minute_when_a_count_passes_its_threshold()
    {
        var alerts = Alerts(perName: 2, total: 4);
        alerts.OnFired(Fires("a", 2));
        Assert.Empty(_log.Warnings);

        alerts.OnFired(Fires("a", 1));
        alerts.OnFired(Fires("a", 5));
        Assert.Equal(2, _log.Warnings.Count);
        Assert.Contains(_log.Warnings, w => w.StartsWith("#NAME_TO_MANY_TASK a", StringComparison.Ordinal));
        Assert.Contains(_log.Warnings, w => w.StartsWith("#TOTAL_TO_MANY_TASK", StringComparison.Ordinal));

        _clock.Advance(TimeSpan.FromMinutes(1));
        alerts.OnFired(Fires("a", 3));
        Assert.Equal(3, _log.Warnings.Count);
    }

    private sealed class RecordingLogger : ILogger<FireRateAlerts>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
