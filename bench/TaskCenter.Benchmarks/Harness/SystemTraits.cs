using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Harness;

/// <summary>What a system is and supports, read once from an instance that is never started.</summary>
public sealed record SystemTraits(string Name, bool Durable, bool HasHttpApi, bool CanPreload, bool HasOwnProcess, bool TakesKeys)
{
    public static async Task<SystemTraits> ReadAsync(SystemEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var system = entry.Create();
        try
        {
            return new SystemTraits(
                system.Name, system.Durable, system is IHttpEndpoint, system is IPreloadablePending, system is IServerMemory, system is IKeyedServer);
        }
        finally
        {
            await system.DisposeAsync();
        }
    }
}
