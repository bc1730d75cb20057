using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Instances;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Storage.Sqlite.Database;
using TaskCenter.Storage.Sqlite.Instances;
using TaskCenter.Storage.Sqlite.QueueStore;
using TaskCenter.Storage.Sqlite.TaskStore;

namespace TaskCenter.Storage.Sqlite;

/// <summary>
/// The embedded default storage: tasks, fires and the built-in queue (or the outbox of an external transport) in one
/// SQLite file (WAL). One instance serves as <see cref="ITaskStore"/>, <see cref="ITaskReader"/>,
/// <see cref="IQueueStore"/>, <see cref="IFireOutbox"/> and <see cref="IInstanceRegistry"/>: they share one writer
/// connection (all writes are serialized through it, each in one transaction) and the in-memory subscriptions that
/// route fires. Reads use pooled connections beside the writer. Call <see cref="InitializeAsync"/> once first.
/// </summary>
public sealed class SqliteStorage : ITaskStore, ITaskReader, IQueueStore, IFireOutbox, IInstanceRegistry, IDisposable
{
    private readonly SqliteDatabase _db;
    private readonly SqliteTaskStore _tasks;
    private readonly SqliteQueueStore _queue;
    private readonly SqliteFireOutbox _outbox;
    private readonly SqliteInstanceRegistry _instances;

    /// <param name="options">Where the file is and how it is written.</param>
    /// <param name="queueOptions">The built-in queue's settings.</param>
    /// <param name="limits">The bounds on subscriptions, groups and answers; the defaults when null.</param>
    /// <param name="logger">Where the start's warnings go (a stored subscription over the limits); nowhere when null.</param>
    public SqliteStorage(SqliteStorageOptions options, QueueOptions queueOptions, LimitOptions? limits = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(queueOptions);
        _db = new SqliteDatabase(options);
        var subscriptions = new SubscriptionCache(limits ?? new LimitOptions(), logger ?? NullLogger.Instance);
        var ready = new ReadyDeliveryCache(options.ReadyCacheSize, options.ReadyCacheBytes);
        _tasks = new SqliteTaskStore(_db, subscriptions, ready, options.Routing);
        _queue = new SqliteQueueStore(_db, subscriptions, ready, queueOptions);
        _outbox = new SqliteFireOutbox(_db);
        _instances = new SqliteInstanceRegistry(_db);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath => _db.FilePath;

    public void Dispose()
    {
        _outbox.Dispose();
        _db.Dispose();
    }

    // ---- ITaskStore ----

    public Task InitializeAsync(CancellationToken cancellationToken) => _tasks.InitializeAsync(cancellationToken);

    public Task<AddTaskResult> AddAsync(ScheduledTask task, CancellationToken cancellationToken) => _tasks.AddAsync(task, cancellationToken);

    public Task<IReadOnlyList<AddTaskResult>> AddManyAsync(IReadOnlyList<ScheduledTask> tasks, CancellationToken cancellationToken) =>
        _tasks.AddManyAsync(tasks, cancellationToken);

    public Task<bool> ReviseAsync(ScheduledTask revised, CancellationToken cancellationToken) =>
        _tasks.ReviseAsync(revised, cancellationToken);

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

    /// <summary>The first half of <see cref="FireDueAsync"/>: the due tasks, earliest first.</summary>
    public Task<IReadOnlyList<ScheduledTask>> GetDueAsync(DateTimeOffset dueBy, int limit, CancellationToken cancellationToken) =>
        _tasks.GetDueAsync(dueBy, limit, cancellationToken);

    public Task<IReadOnlyList<FireRecord>> CommitAsync(IReadOnlyList<TaskAdvance> advances, CancellationToken cancellationToken) =>
        _tasks.CommitAsync(advances, cancellationToken);

    public Task<int> PurgeFinishedAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken) =>
        _tasks.PurgeFinishedAsync(finishedBefore, cancellationToken);

    // ---- ITaskReader ----

    public Task<ScheduledTask?> GetAsync(string id, CancellationToken cancellationToken) => _tasks.GetAsync(id, cancellationToken);

    public Task<TaskPage> ListAsync(TaskQuery query, CancellationToken cancellationToken) => _tasks.ListAsync(query, cancellationToken);

    public Task<IReadOnlyList<FireHistoryEntry>> GetFireHistoryAsync(
        string taskId, int limit, DateTimeOffset? before, CancellationToken cancellationToken) =>
        _tasks.GetFireHistoryAsync(taskId, limit, before, cancellationToken);

    public Task<TaskCensus> CountAsync(CancellationToken cancellationToken) => _tasks.CountAsync(cancellationToken);

    public Task<IReadOnlyList<TaskCount>> CountTasksAsync(NamePattern names, CancellationToken cancellationToken) =>
        _tasks.CountTasksAsync(names, cancellationToken);

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
