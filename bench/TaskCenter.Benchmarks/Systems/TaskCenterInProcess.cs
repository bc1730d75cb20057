using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Validation;
using TaskCenter.Server.Composition;

namespace TaskCenter.Benchmarks.Systems;

/// <summary>
/// TaskCenter on the same footing as the in-process peers: the engine, the store and the built-in queue in a generic
/// host inside the harness; adds go through <see cref="TaskIntake"/>, and a consume loop on <see cref="BuiltInQueue"/>
/// records each message, then acks the batch without waiting for that ack before the next consume (as the SDK consumer
/// does; up to 64 acks outstanding). The store is a <see cref="TaskCenterStorage"/>: a temporary SQLite file or a
/// throwaway PostgreSQL server of its own. Given idle groups, that many other groups subscribe first, each to
/// <see cref="IdleGroupTags"/> tags no job fires: what routing costs on the fire path when many groups are subscribed.
/// </summary>
public sealed class TaskCenterInProcess : ISystemUnderTest, IPreloadablePending
{
    /// <summary>Tags per idle group: the default limit of tags per subscription.</summary>
    public const int IdleGroupTags = 256;

    private static readonly TimeSpan PollWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(60);
    private const int MaxPerConsume = 1000;
    private const int MaxOutstandingAcks = 64;

    private readonly int _idleGroups;
    private readonly BenchDirectory _directory;
    private readonly TaskCenterStorage _storage;
    private readonly CancellationTokenSource _stopping = new();
    private IHost? _host;
    private TaskIntake? _intake;
    private BuiltInQueue? _queue;
    private FireLog? _log;
    private Task _consumeLoop = Task.CompletedTask;
    private readonly Queue<Task> _acks = new();

    public TaskCenterInProcess(bool onPostgres = false, int idleGroups = 0)
    {
        _idleGroups = idleGroups;
        _directory = new BenchDirectory("taskcenter-bench-inproc");
        _storage = onPostgres ? TaskCenterStorage.Postgres() : TaskCenterStorage.Sqlite(_directory.DatabasePath);
    }

    public string Name => $"TaskCenter in-process ({_storage.Label}"
        + (_idleGroups > 0 ? string.Create(CultureInfo.InvariantCulture, $", {_idleGroups:N0} idle groups × {IdleGroupTags} tags)") : ")");

    public bool Durable => true;

    public Task PreloadPendingAsync(PendingLoad load, CancellationToken cancellationToken) => _storage.PreloadAsync(load, cancellationToken);

    public async Task StartAsync(FireLog log, CancellationToken cancellationToken)
    {
        _log = log;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = _directory.Path });
        builder.Configuration.AddInMemoryCollection(await _storage.SettingsAsync(cancellationToken));
        builder.Configuration.AddInMemoryCollection([new("Limits:MaxGroups", (_idleGroups + 1).ToString(CultureInfo.InvariantCulture))]);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddTaskCenter(builder.Configuration);
        _host = builder.Build();
        await _host.StartAsync(cancellationToken);
        _intake = _host.Services.GetRequiredService<TaskIntake>();
        _queue = _host.Services.GetRequiredService<BuiltInQueue>();
        await SubscribeIdleGroupsAsync(cancellationToken);

        // One consume without waiting subscribes the group, so every fire from now on is routed to it.
        await ConsumeOnceAsync(TimeSpan.Zero, cancellationToken);
        _consumeLoop = Task.Run(() => ConsumeLoopAsync(_stopping.Token), CancellationToken.None);
    }

    public Task ScheduleOnceAsync(int index, DateTimeOffset at, CancellationToken cancellationToken) =>
        AddAsync(new TaskSubmission { Name = JobPayload.TaskName, Type = 1, Data = JobPayload.Data(index), StartTime = at.ToUnixTimeSeconds() }, cancellationToken);

    public Task ScheduleRecurringAsync(int index, DateTimeOffset firstAt, TimeSpan interval, int count, CancellationToken cancellationToken) =>
        AddAsync(
            new TaskSubmission
            {
                Name = JobPayload.TaskName,
                Type = 2,
                Data = JobPayload.Data(index),
                StartTime = firstAt.ToUnixTimeSeconds(),
                LoopTime = (long)interval.TotalSeconds,
                LoopCount = count,
            },
            cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _consumeLoop;
        if (_host is not null)
        {
            await _host.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await _stopping.CancelAsync();
        }

        await _consumeLoop;
        _host?.Dispose();
        _stopping.Dispose();
        _directory.Dispose();
        await _storage.DisposeAsync();
    }

    /// <summary>Subscribes the idle groups and says on standard error how long the first and the last hundred took.</summary>
    private async Task SubscribeIdleGroupsAsync(CancellationToken cancellationToken)
    {
        var hundreds = new List<TimeSpan>();
        var started = Stopwatch.StartNew();
        for (var group = 0; group < _idleGroups; group++)
        {
            var expression = string.Join(" || ", Enumerable.Range(0, IdleGroupTags).Select(tag => string.Create(CultureInfo.InvariantCulture, $"idle-{group}-{tag}")));
            if (!TagFilter.TryParse(expression, out var tags, out var error))
            {
                throw new InvalidOperationException(error);
            }

            var idle = string.Create(CultureInfo.InvariantCulture, $"idle-{group}");
            await _queue!.ConsumeAsync(new ConsumeRequest(idle, tags, 1, TimeSpan.Zero, Lease), cancellationToken);
            if ((group + 1) % 100 == 0)
            {
                hundreds.Add(started.Elapsed - hundreds.Aggregate(TimeSpan.Zero, (sum, next) => sum + next));
            }
        }

        if (hundreds.Count > 0)
        {
            await Console.Error.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"[{Name}] subscribed in {started.Elapsed.TotalSeconds:0.0} s: the first 100 groups {hundreds[0].TotalMilliseconds / 100:0.00} ms each, the last 100 {hundreds[^1].TotalMilliseconds / 100:0.00} ms each"));
        }
    }

    private async Task AddAsync(TaskSubmission submission, CancellationToken cancellationToken)
    {
        var intake = _intake ?? throw new InvalidOperationException("Start the system first.");
        var (added, error) = await intake.AddAsync(submission, cancellationToken);
        if (added is null)
        {
            throw new InvalidOperationException($"TaskCenter rejected the task: {error}");
        }
    }

    private async Task ConsumeLoopAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await ConsumeOnceAsync(PollWait, stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                await Task.WhenAll(_acks).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Fires not recorded show up as missed; say why once per failure and go on.
                await Console.Error.WriteLineAsync($"[{Name}] consume failed: {exception.Message}");
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }

    private async Task ConsumeOnceAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        var messages = await _queue!.ConsumeAsync(new ConsumeRequest(JobPayload.Group, TagFilter.All, MaxPerConsume, wait, Lease), cancellationToken);
        if (messages.Count == 0)
        {
            return;
        }

        var ids = new string[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (JobPayload.TryParse(message.Data, out var index))
            {
                _log!.Record(index, message.FireTime);
            }

            ids[i] = message.MsgId;
        }

        _acks.Enqueue(_queue.AckAsync(JobPayload.Group, ids, cancellationToken));
        while (_acks.Count > MaxOutstandingAcks || (_acks.Count > 0 && _acks.Peek().IsCompleted))
        {
            await _acks.Dequeue();
        }
    }
}
