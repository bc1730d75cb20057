using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Security;

/// <summary>A server with one API key per role (<see cref="TestKeys"/>), shared by the tests of a class.</summary>
public sealed class KeyedServerFixture : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(TestKeys.OnePerRole());

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
