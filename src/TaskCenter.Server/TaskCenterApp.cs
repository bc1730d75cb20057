using TaskCenter.Core.Validation;
using TaskCenter.Server.Composition;
using TaskCenter.Server.Dashboard;
using TaskCenter.Server.Endpoints;
using TaskCenter.Server.Health;
using TaskCenter.Server.OpenApi;
using TaskCenter.Server.Http;
using TaskCenter.Server.Metrics;
using TaskCenter.Server.Security;

namespace TaskCenter.Server;

/// <summary>Builds the server: configuration, services, endpoints. Tests build it the same way as Program.</summary>
public static class TaskCenterApp
{
    /// <summary>The seed's paths, and the original Go server's.</summary>
    public static readonly string[] ApiPrefixes = ["/v1/api", "/api/v1"];

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-dd HH:mm:ss.fff ";
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // A data field of the largest size, written with \uXXXX escapes everywhere, plus the other fields.
            var maxData = builder.Configuration.GetSection("Tasks").Get<TaskValidationOptions>()?.MaxDataBytes
                ?? new TaskValidationOptions().MaxDataBytes;
            kestrel.Limits.MaxRequestBodySize = (maxData * 6L) + (64 * 1024);
        });
        configure?.Invoke(builder);

        // After the caller's configuration: the backends are chosen from the final settings.
        builder.Services.AddTaskCenter(builder.Configuration);

        var app = builder.Build();
        app.UseApiErrors();
        app.UseTaskCenterSecurity();
        foreach (var prefix in ApiPrefixes)
        {
            var group = app.MapGroup(prefix);
            if (prefix != ApiPrefixes[0])
            {
                group.ExcludeFromDescription(); // The same API again: the document describes it once.
            }

            group
                .WithApiErrors()
                .RequireRateLimiting(ClientRateLimit.Policy)
                .MapTaskEndpoints()
                .MapTaskManagementEndpoints()
                .MapOverviewEndpoints()
                .MapCrontabEndpoints()
                .MapStatEndpoints()
                .MapQueueEndpoints()
                .MapGroupEndpoints()
                .MapDeadLetterEndpoints();
        }

        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        app.MapApiDocumentation();
        app.MapDashboard();
        return app;
    }
}
