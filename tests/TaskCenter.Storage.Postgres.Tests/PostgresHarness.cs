using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>The storage contract's harness on PostgreSQL: a schema of the test's own in the class's database.</summary>
internal sealed class PostgresHarness(ClassDatabase database) : StorageHarness<PostgresStorage>
{
    public string Schema { get; } = database.NewSchema();

    public override Task<IReadOnlyList<FireRecord>> CommitAsync(PostgresStorage store, IReadOnlyList<TaskAdvance> advances) =>
        store.CommitAsync(advances, CancellationToken.None);

    public override long Scalar(string sql) => database.Scalar(Schema, sql);

    protected override PostgresStorage Create(QueueOptions queue, FireRouting routing, LimitOptions limits)
    {
        var options = database.Options(Schema);
        options.Routing = routing;
        return new PostgresStorage(options, queue, limits: limits);
    }

    protected override void DisposeStorage()
    {
        // The schema goes with the class's database, which goes with the test run's server.
    }
}
