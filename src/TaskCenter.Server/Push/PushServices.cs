using Microsoft.Extensions.Options;
using TaskCenter.Core.Push;
using TaskCenter.Server.Composition;

namespace TaskCenter.Server.Push;

/// <summary>Push groups: the <c>Push</c> options, where pushes may go, the registry of push groups and the pushers.</summary>
internal static class PushServices
{
    public static IServiceCollection AddTaskCenterPush(this IServiceCollection services, IConfiguration configuration, Backends backends)
    {
        services.AddSection<PushOptions>(configuration, PushOptions.Section);
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PushOptions>>().Value.Targets());
        services.AddSingleton(sp => new PushSender(
            // One client for every target; a request's timeout is the push's own (PushSender), not the client's.
            new HttpClient(PushHttp.CreateHandler(sp.GetRequiredService<PushTargets>())) { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<PushOptions>>()));
        services.AddSingleton<PushGroupRegistry>();
        services.AddSingleton<PushAttemptLog>();
        services.AddHostedService(sp => sp.GetRequiredService<PushAttemptLog>());
        if (backends.Delivery == DeliveryTransport.BuiltIn)
        {
            services.AddHostedService<BuiltInPusher>();
        }
        else if (backends.Delivery == DeliveryTransport.RabbitMq)
        {
            services.AddHostedService<RabbitMqPusher>();
        }

        return services;
    }
}
