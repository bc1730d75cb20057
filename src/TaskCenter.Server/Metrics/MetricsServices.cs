using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Telemetry;

namespace TaskCenter.Server.Metrics;

/// <summary>The TaskCenter instruments and ASP.NET Core's request metrics, exported in the Prometheus format.</summary>
public static class MetricsServices
{
    /// <summary>ASP.NET Core's meter of <c>http.server.request.duration</c>, labelled by route template.</summary>
    private const string AspNetCoreHostingMeter = "Microsoft.AspNetCore.Hosting";

    public static IServiceCollection AddTaskCenterMetrics(this IServiceCollection services)
    {
        services.AddSingleton<FireMetrics>();
        services.AddSingleton<IFireListener>(sp => sp.GetRequiredService<FireMetrics>());
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("taskcenter"))
            .WithMetrics(metrics => metrics
                .AddMeter(TaskCenterMeter.Name, AspNetCoreHostingMeter)
                // Every scrape sees the counters as they are now, not as of an earlier scrape's cached answer.
                .AddPrometheusExporter(exporter => exporter.ScrapeResponseCacheDurationMilliseconds = 0));
        // After OpenTelemetry's own hosted service, which starts the exporter's listener.
        services.AddHostedService<MetricsWarmUp>();
        return services;
    }
}
