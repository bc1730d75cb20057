using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskCenter.Core.Storage;
using TaskCenter.Server.Overview;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Server.Tests.Management;

/// <summary>How often the overview and the gauges count storage again.</summary>
public sealed class TaskCensusCacheTests
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000));

    [Fact]
    public async Task A_count_is_reused_up_to_its_max_age()
    {
        var reader = new CountingReader(_clock, takes: TimeSpan.FromMilliseconds(10));
        using var cache = new TaskCensusCache(reader, _clock, Options.Create(new OverviewOptions { CountMaxAge = TimeSpan.FromSeconds(5) }));

        var first = await cache.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Same(first, await cache.GetAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.NotSame(first, await cache.GetAsync(CancellationToken.None));

        Assert.Equal(2, reader.Counts);
    }

    [Fact]
    public async Task A_slow_count_is_reused_ten_times_as_long_as_it_took()
    {
        var reader = new CountingReader(_clock, takes: TimeSpan.FromSeconds(2));
        using var cache = new TaskCensusCache(reader, _clock, Options.Create(new OverviewOptions { CountMaxAge = TimeSpan.FromSeconds(5) }));

        var first = await cache.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Same(first, await cache.GetAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(2));
        await cache.GetAsync(CancellationToken.None);

        Assert.Equal(2, reader.Counts);
    }

    [Fact]
    public async Task A_max_age_of_zero_counts_every_time_however_long_a_count_takes()
    {
        var reader = new CountingReader(_clock, takes: TimeSpan.FromSeconds(2));
        using var cache = new TaskCensusCache(reader, _clock, Options.Create(new OverviewOptions { CountMaxAge = TimeSpan.Zero }));

        await cache.GetAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await cache.GetAsync(CancellationToken.None);

        Assert.Equal(2, reader.Counts);
    }

    /// <summary>Counts nothing, but takes the given time on the fake clock, and says how often it was asked.</summary>
    private sealed class CountingReader(FakeTimeProvider clock, TimeSpan takes) : ITaskReader
    {
        public int Counts { get; private set; }

        public Task<TaskCensus> CountAsync(CancellationToken cancellationToken)
        {
            Counts++;
            clock.Advance(takes);
            return Task.FromResult(new TaskCensus { Tasks = [], Groups = [], UnroutedFires = 0, UnpublishedFires = 0 });
        }

        public Task<Core.Tasks.ScheduledTask?> GetAsync(string id, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<FireHistoryEntry>> GetFireHistoryAsync(string taskId, int limit, DateTimeOffset? before, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<IReadOnlyList<TaskCount>> CountTasksAsync(NamePattern names, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}
