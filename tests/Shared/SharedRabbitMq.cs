namespace TaskCenter.Testing;

/// <summary>
/// One real RabbitMQ broker for the whole test run, started on first use (loopback, free ports, a temp folder) and
/// stopped after the last test (<see cref="SharedServersTestFramework"/>). Servers on it keep to an exchange of their
/// own (<see cref="TestBackends"/>); tests that stop the broker start a <see cref="RabbitMqServer"/> of their own instead.
/// </summary>
public static class SharedRabbitMq
{
    private static readonly Lazy<Task<RabbitMqServer>> s_server = new(() => RabbitMqServer.StartAsync());

    public static Task<RabbitMqServer> ServerAsync() => s_server.Value;

    /// <summary>Stops the broker and deletes its folder, if it was started.</summary>
    public static async Task StopAsync()
    {
        if (s_server.IsValueCreated && s_server.Value.IsCompletedSuccessfully)
        {
            await s_server.Value.Result.DisposeAsync();
        }
    }
}
