using Quartz;
using TaskCenter.Testing;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// Quartz.NET 4.7.3 AdoJobStore on PostgreSQL (durable), one fresh database per start, on the
/// <see cref="PostgresServer"/> given or, without one, on a server of its own started with the peer and stopped on
/// dispose.
/// </summary>
/// <remarks>
/// <para>4.x spells the 3.x properties as builder calls: <c>UsePersistentStore</c> is
/// <c>quartz.jobStore.type = JobStoreTX</c>, <c>UsePostgres</c> selects <c>PostgreSQLDelegate</c> and the
/// <c>Npgsql</c> provider, <c>UseSystemTextJsonSerializer</c> is serializer type <c>stj</c> (built into the Quartz
/// 4 package; the Quartz.Serialization.SystemTextJson 4.x package is empty). Not clustered, so the store locks with an
/// in-process monitor rather than database row locks.</para>
/// <para>The schema is created by Quartz itself (<c>ProvisionSchema</c>, i.e. <c>SchemaProvisioning.CreateIfMissing</c>)
/// from the DDL embedded in Quartz.dll 4.7.3 (<c>Quartz.Impl.AdoJobStore.Schema.create_postgres.sql</c>): it matches
/// the columns this exact version reads and writes, which the repository's <c>database/tables/tables_postgres.sql</c>
/// on the main branch does not.</para>
/// </remarks>
public sealed class QuartzAdoPostgres(PostgresServer? server = null) : QuartzPeer
{
    public const string DisplayName = "Quartz.NET ADO (PostgreSQL)";

    private static int s_databases;
    private PostgresServer? _ownServer;

    public override string Name => DisplayName;

    public override bool Durable => true;

    protected override async Task<Action<IQuartzBuilder>> PrepareStoreAsync(CancellationToken cancellationToken)
    {
        var database = $"quartz_ado_{Interlocked.Increment(ref s_databases)}";
        var postgres = server ?? (_ownServer = await PostgresServer.StartAsync(cancellationToken));
        var connectionString = await postgres.CreateDatabaseAsync(database, cancellationToken);
        return quartz => quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(connectionString);
            store.UseSystemTextJsonSerializer();
            store.ProvisionSchema();
        });
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
