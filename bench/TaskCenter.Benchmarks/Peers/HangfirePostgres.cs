using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using TaskCenter.Testing;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// Hangfire 1.8.25 on Hangfire.PostgreSql 1.21.1 (durable), one fresh database per start, schema installed by the
/// storage itself (<see cref="PostgreSqlStorageOptions.PrepareSchemaIfNecessary"/>). The database is on the
/// <see cref="PostgresServer"/> given, or, without one, on a server of its own started with the peer and stopped on
/// dispose. Two variants:
/// <list type="bullet">
/// <item><b>default polling</b>: SchedulePollingInterval 15 s and QueuePollInterval 15 s, what a user who changes
/// nothing gets (fires up to ~15 s late);</item>
/// <item><b>fast polling</b>: SchedulePollingInterval 100 ms (finer is pointless: due times are whole seconds, see
/// <see cref="HangfirePeer"/>) and QueuePollInterval 1 s. Workers in this process are woken as soon as this process
/// enqueues (the storage signals in-process), so the queue poll only matters for a worker that misses that signal;
/// at 100 ms (the storage accepts down to 50 ms) the 20 idle workers' polling cost a quarter of a core here and made
/// a 2,000-job run no faster. Long polling (LISTEN/NOTIFY) is left off: it opens a listening connection on every
/// fetch and adds nothing in-process.</item>
/// </list>
/// </summary>
public sealed class HangfirePostgres(bool fastPolling, PostgresServer? server = null) : HangfirePeer
{
    public const string DefaultPollingName = "Hangfire PostgreSQL (default polling)";
    public const string FastPollingName = "Hangfire PostgreSQL (fast polling)";

    private static readonly TimeSpan FastScheduleInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan FastQueueInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(15);
    private static int s_databases;
    private PostgresServer? _ownServer;

    public override string Name => fastPolling ? FastPollingName : DefaultPollingName;

    public override bool Durable => true;

    protected override TimeSpan SchedulePollingInterval => fastPolling ? FastScheduleInterval : DefaultInterval;

    protected override async Task<JobStorage> CreateStorageAsync(CancellationToken cancellationToken)
    {
        var database = $"hangfire_{Interlocked.Increment(ref s_databases)}";
        var postgres = server ?? (_ownServer = await PostgresServer.StartAsync(cancellationToken));
        var connectionString = await postgres.CreateDatabaseAsync(database, cancellationToken);
        var options = new PostgreSqlStorageOptions
        {
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = fastPolling ? FastQueueInterval : DefaultInterval,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    protected override async ValueTask DisposeStoreAsync()
    {
        if (_ownServer is not null)
        {
            await _ownServer.DisposeAsync();
            _ownServer = null;
        }
    }
}
