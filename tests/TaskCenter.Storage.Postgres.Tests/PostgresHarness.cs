using Microsoft.Extensions.DependencyInjection;
using TaskCenter.Core.Delivery;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>The storage contract's harness on PostgreSQL: a schema of the test's own in the class's database.</summary>
internal sealed class PostgresHarness(ClassDatabase database) : StorageHarness
{
    public string Schema { get; } = database.NewSchema();

    public override long Scalar(string sql) => database.Scalar(Schema, sql);

    protected override void AddStorage(IServiceCollection services) =>
        services.AddTaskCenterPostgres(options =>
        {
            options.ConnectionString = database.ConnectionString;
            options.Schema = Schema;
        });

    protected override void DisposeStorage()
    {
        // The schema goes with the class's database, which goes with the test run's server.
    }
}
