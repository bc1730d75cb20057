using TaskCenter.Testing;

namespace TaskCenter.Server.Tests;

/// <summary>
/// One server shared by the tests of a class, on the fixture's backend; tests use distinct task names and groups so
/// they don't interfere. A suite is an abstract class taking a <see cref="ServerFixture"/>, run once per backend by a
/// sealed subclass per fixture. Settings override the server's configuration keys for every test of the class.
/// </summary>
public abstract class ServerFixture(TestBackend backend, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncLifetime
{
    public TestBackend Backend { get; } = backend;

    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(settings, backend: Backend);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class SqliteServerFixture() : ServerFixture(TestBackend.Sqlite);

public sealed class PostgresServerFixture() : ServerFixture(TestBackend.Postgres);

public sealed class PostgresRabbitMqServerFixture() : ServerFixture(TestBackend.PostgresRabbitMq);
