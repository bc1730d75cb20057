using TaskCenter.Testing;

namespace TaskCenter.Server.Tests;

/// <summary>One server shared by the tests of a class; tests use distinct task names and groups so they don't interfere.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public RunningServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
