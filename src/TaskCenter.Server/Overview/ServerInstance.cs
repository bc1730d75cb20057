using System.Reflection;
using System.Security.Cryptography;

namespace TaskCenter.Server.Overview;

/// <summary>This server process as the instance list shows it.</summary>
public sealed class ServerInstance(TimeProvider time)
{
    public string Id { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public string Host { get; } = Environment.MachineName;

    public int ProcessId { get; } = Environment.ProcessId;

    public DateTimeOffset StartedAt { get; } = time.GetUtcNow();

    /// <summary>The server's informational version, without the source revision.</summary>
    public string Version { get; } =
        typeof(ServerInstance).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";
}
