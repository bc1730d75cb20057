using TaskCenter.Core.Queue;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>What one instance commits wakes the others, through LISTEN/NOTIFY.</summary>
public sealed class NotificationTests(ClassDatabase database) : IClassFixture<ClassDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private readonly SharedSchema _schema = new(database);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _schema.DisposeAsync().AsTask();

    [Fact]
    public async Task Fires_recorded_for_a_group_on_one_instance_wake_the_consumers_of_another()
    {
        var recorder = await _schema.OpenAsync("recorder");
        var other = await _schema.OpenAsync("other");
        await using var probe = await ListenerProbe.StartAsync(other);
        await recorder.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);

        await _schema.LoadDueTasksAsync("tick", 3, Build.T0);
        await recorder.Ledger.FireDueAsync(Build.T0, 10, SharedSchema.FireOnce, CancellationToken.None);

        await probe.MessagesReadyAsync();
    }

    [Fact]
    public async Task A_retry_a_redrive_and_a_hand_over_of_kept_fires_wake_the_consumers_of_another_instance()
    {
        var writer = await _schema.OpenAsync("writer", queue: new QueueOptions { MaxRetries = 1 });
        var other = await _schema.OpenAsync("other");
        await using var probe = await ListenerProbe.StartAsync(other);
        await _schema.LoadDueTasksAsync("kept", 1, Build.T0);
        await writer.Ledger.FireDueAsync(Build.T0, 10, SharedSchema.FireOnce, CancellationToken.None); // no group yet: kept

        await writer.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        await probe.MessagesReadyAsync();

        var message = Assert.Single(await writer.Ledger.LeaseAsync("g", 1, Lease, Build.T0, CancellationToken.None));
        Assert.Equal(NackResult.Retrying, (await writer.Ledger.NackAsync("g", message.MsgId, "boom", null, Build.T0, CancellationToken.None)).Result);
        await probe.MessagesReadyAsync();

        Assert.Single(await writer.Ledger.LeaseAsync("g", 1, Lease, Build.T0.AddMinutes(5), CancellationToken.None));
        Assert.Equal(NackResult.DeadLettered, (await writer.Ledger.NackAsync("g", message.MsgId, "boom", null, Build.T0, CancellationToken.None)).Result);
        Assert.Equal([message.MsgId], await writer.Ledger.RedriveAsync("g", null, Build.T0, CancellationToken.None));
        await probe.MessagesReadyAsync();
    }

    [Fact]
    public async Task Adding_a_task_on_one_instance_wakes_the_engine_of_another_with_its_next_fire()
    {
        var api = await _schema.OpenAsync("api");
        var other = await _schema.OpenAsync("other");
        await using var probe = await ListenerProbe.StartAsync(other);

        await api.Tasks.AddAsync(Build.Task("soon", data: "d", nextFireAt: Build.T0.AddMilliseconds(1234)), CancellationToken.None);

        Assert.Equal(Build.T0.AddMilliseconds(1234), await probe.ScheduledAsync());
    }
}
