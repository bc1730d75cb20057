using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Postgres.Database;
using TaskCenter.Storage.Postgres.Instances;
using TaskCenter.Storage.Postgres.QueueStore;
using TaskCenter.Storage.Postgres.TaskStore;

namespace TaskCenter.Storage.Postgres;

/// <summary>
/// Tasks, fires, the built-in queue and the outbox in one PostgreSQL schema that any number of server instances share.
/// One instance serves as <see cref="ITaskStore"/>, <see cref="ITaskReader"/>, <see cref="IQueueStore"/>,
/// <see cref="IFireOutbox"/> and <see cref="IInstanceRegistry"/>, with the semantics of the SQLite storage; what is taken for work (due tasks, leases, outbox
/// fires) is locked with SKIP LOCKED, so instances split the work and never do the same twice. A database that cannot
/// be reached surfaces as <see cref="StorageUnavailableException"/>, and the storage works again by itself once it is
/// back. Call <see cref="InitializeAsync"/> once first.
/// </summary>
public sealed class PostgresStorage : ITaskStore, ITaskReader, IQueueStore, IFireOutbox, IInstanceRegistry, IDisposable, IAsyncDisposable
{
    private readonly PostgresTaskStore _tasks;
    private readonly PostgresTaskReader _reader;
    private readonly PostgresQueueStore _queue;
    private readonly PostgresFireOutbox _outbox;
    private readonly PostgresInstanceRegistry _instances;

    /// <param name="options">The database, the schema, the routing.</param>
    /// <param name="queueOptions">The built-in queue's settings.</param>
    /// <param name="time">The clock of what the storage stamps by itself (when the outbox published); the system clock when null.</param>
    /// <param name="limits">The bounds on subscriptions, groups and answers; the defaults when null.</param>
    /// <param name="logger">Where the start's warnings go (a stored subscription over the limits); nowhere when null.</param>
    public PostgresStorage(
        PostgresStorageOptions options, QueueOptions queueOptions, TimeProvider? time = null, LimitOptions? limits = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(queueOptions);
        Database = new PostgresDatabase(options);
        _tasks = new PostgresTaskStore(Database, options.Routing);
        _reader = new PostgresTaskReader(Database);
        _queue = new PostgresQueueStore(Database, queueOptions, limits ?? new LimitOptions(), logger ?? NullLogger.Instance);
        _outbox = new PostgresFireOutbox(Database, time ?? TimeProvider.System);
        _instances = new PostgresInstanceRegistry(Database);
    }

    /// <summary>The schema the tables live in.</summary>
    public string Schema => Database.Schema;

    internal PostgresDatabase Database { get; }

    public void Dispose() => Database.Dispose();

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    // ---- ITaskStore ----

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await _tasks.InitializeAsync(cancellationToken);
        await _queue.InitializeAsync(cancellationToken);
    }

    public Task<AddTaskResult> AddAsync(ScheduledTask task, CancellationToken cancellationToken) => _tasks.AddAsync(task, cancellationToken);

    public Task<IReadOnlyList<AddTaskResult>> AddManyAsync(IReadOnlyList<ScheduledTask> tasks, CancellationToken cancellationToken) =>
        _tasks.AddManyAsync(tasks, cancellationToken);

    public Task<bool> ReviseAsync(ScheduledTask revised, CancellationToken cancellationToken) => _tasks.ReviseAsync(revised, cancellationToken);

    public Task<IReadOnlyList<string>> DeleteAsync(IReadOnlyList<string> ids, DateTimeOffset now, CancellationToken cancellationToken) =>
        _tasks.DeleteAsync(ids, now, cancellationToken);

    public Task<IReadOnlyList<string>> DeleteByNameAsync(string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        _tasks.DeleteByNameAsync(name, now, cancellationToken);

    public Task<DateTimeOffset?> GetEarliestFireAsync(CancellationToken cancellationToken) => _tasks.GetEarliestFireAsync(cancellationToken);

    public Task<int> CountDueAsync(DateTimeOffset dueBy, int cap, CancellationToken cancellationToken) =>
        _tasks.CountDueAsync(dueBy, cap, cancellationToken);

    public Task<DueBatch> FireDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<ScheduledTask>, IReadOnlyList<TaskAdvance>> plan, CancellationToken cancellationToken) =>
        _tasks.FireDueAsync(dueBy, limit, plan, cancellationToken);

    public Task<IReadOnlyList<FireRecord>> CommitAsync(IReadOnlyList<TaskAdvance> advances, CancellationToken cancellationToken) =>
        _tasks.CommitAsync(advances, cancellationToken);

    public Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        _tasks.PurgeFinishedAsync(finishedBefore, cancellationToken);

    // ---- ITaskReader ----

    public Task<ScheduledTask?> GetAsync(string id, CancellationToken cancellationToken) => _reader.GetAsync(id, cancellationToken);

    public Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken) => _reader.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<FireHistoryEntry>> GetFireHistoryAsync(
        string taskId, int limit, DateTimeOffset? before, CancellationToken cancellationToken) =>
        _reader.GetFireHistoryAsync(taskId, limit, before, cancellationToken);

    public Task<TaskCensus> CountAsync(CancellationToken cancellationToken) => _reader.CountAsync(cancellationToken);

    public Task<IReadOnlyList<TaskCount>> CountTasksAsync(NamePattern names, CancellationToken cancellationToken) =>
        _reader.CountTasksAsync(names, cancellationToken);

    // ---- IQueueStore ----

    public Task<SubscribeResult> SubscribeAsync(string group, TagFilter tags, string? owner, DateTimeOffset now, CancellationToken cancellationToken) =>
        _queue.SubscribeAsync(group, tags, owner, now, cancellationToken);

    public Task<IReadOnlyList<ConsumerGroup>> ListGroupsAsync(string? afterGroup, int limit, Func<string, bool> include, CancellationToken cancellationToken) =>
        _queue.ListGroupsAsync(afterGroup, limit, include, cancellationToken);

    public Task<GroupRemoval?> DeleteGroupAsync(string group, CancellationToken cancellationToken) =>
        _queue.DeleteGroupAsync(group, cancellationToken);

    public Task<IReadOnlyList<QueueMessage>> LeaseAsync(
        string group, int max, TimeSpan lease, DateTimeOffset now, CancellationToken cancellationToken) =>
        _queue.LeaseAsync(group, max, lease, now, cancellationToken);

    public Task<DateTimeOffset?> GetNextReadyAsync(string group, CancellationToken cancellationToken) =>
        _queue.GetNextReadyAsync(group, cancellationToken);

    public Task<AckOutcome> AckAsync(string group, IReadOnlyList<string> msgIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        _queue.AckAsync(group, msgIds, now, cancellationToken);

    public Task<NackOutcome> NackAsync(string group, string msgId, string? failure, DateTimeOffset now, CancellationToken cancellationToken) =>
        _queue.NackAsync(group, msgId, failure, now, cancellationToken);

    public Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(
        string group, int limit, string? afterMsgId, CancellationToken cancellationToken) =>
        _queue.ListDeadLettersAsync(group, limit, afterMsgId, cancellationToken);

    public Task<IReadOnlyList<string>> RedriveAsync(
        string group, IReadOnlyList<string>? msgIds, DateTimeOffset now, CancellationToken cancellationToken) =>
        _queue.RedriveAsync(group, msgIds, now, cancellationToken);

    public Task<IReadOnlyList<string>> PurgeDeadLettersAsync(
        string group, IReadOnlyList<string>? msgIds, CancellationToken cancellationToken) =>
        _queue.PurgeDeadLettersAsync(group, msgIds, cancellationToken);

    public Task AddDeadLettersAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken) =>
        _queue.AddDeadLettersAsync(letters, cancellationToken);

    public Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        _queue.PurgeExpiredAsync(now, cancellationToken);

    // ---- IFireOutbox ----

    public Task<int> PublishDueAsync(
        DateTimeOffset dueBy, int limit, Func<IReadOnlyList<FireRecord>, CancellationToken, Task> publish, CancellationToken cancellationToken) =>
        _outbox.PublishDueAsync(dueBy, limit, publish, cancellationToken);

    public Task<DateTimeOffset?> GetNextUnpublishedAsync(CancellationToken cancellationToken) =>
        _outbox.GetNextUnpublishedAsync(cancellationToken);

    public Task<long> CountUnpublishedAsync(long cap, CancellationToken cancellationToken) =>
        _outbox.CountUnpublishedAsync(cap, cancellationToken);

    // ---- IInstanceRegistry ----

    public Task BeatAsync(InstanceHeartbeat heartbeat, DateTimeOffset forgetBefore, CancellationToken cancellationToken) =>
        _instances.BeatAsync(heartbeat, forgetBefore, cancellationToken);

    public Task<IReadOnlyList<InstanceHeartbeat>> ListInstancesAsync(CancellationToken cancellationToken) =>
        _instances.ListInstancesAsync(cancellationToken);
}
