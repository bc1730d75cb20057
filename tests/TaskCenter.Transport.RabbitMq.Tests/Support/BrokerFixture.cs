using TaskCenter.Testing;

namespace TaskCenter.Transport.RabbitMq.Tests.Support;

/// <summary>The one RabbitMQ broker of this test assembly; each test keeps to an exchange (and so a topology) of its own.</summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private RabbitMqServer? _server;

    public RabbitMqServer Server => _server ?? throw new InvalidOperationException("The broker is not started.");

    public async Task InitializeAsync() => _server = await RabbitMqServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>Tests that share the broker run one after another: one of them stops and restarts it.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "RabbitMQ broker";
}
