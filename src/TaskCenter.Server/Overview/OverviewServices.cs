using TaskCenter.Core.Engine;
using TaskCenter.Server.Composition;

namespace TaskCenter.Server.Overview;

public static class OverviewServices
{
    /// <summary>
    /// The census cache, this instance's identity and fire counts, and its heartbeat. Call after the storage
    /// initializer's registration: hosted services start in order, and the heartbeat writes to storage.
    /// </summary>
    public static IServiceCollection AddTaskCenterOverview(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSection<OverviewOptions>(configuration, OverviewOptions.Section);
        services.AddSingleton<TaskCensusCache>();
        services.AddSingleton<ServerInstance>();
        services.AddSingleton<FireMinuteCounter>();
        services.AddSingleton<IFireListener>(sp => sp.GetRequiredService<FireMinuteCounter>());
        services.AddHostedService<InstanceHeartbeatService>();
        return services;
    }
}
