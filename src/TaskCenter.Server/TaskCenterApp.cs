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

    /// <summary>
    /// Runs the server until it is stopped (SIGTERM, Ctrl+C) and returns the exit code. A start that fails ends at once
    /// with exit code 1 and one line on standard error naming the problem (<see cref="StartFailure"/>).
    /// </summary>
    public static async Task<int> RunAsync(string[] args)
    {
        WebApplication app;
        try
        {
            app = Build(args);
            await app.StartAsync();
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync(StartFailure.Describe(e));
            return 1;
        }

        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return Environment.ExitCode; // 1 when the storage refused its schema after the start (StorageInitializer)
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = ServerDefaults.CreateBuilder(args);
        builder.Logging.AddServerLogging();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            RequestLimits.Configure(kestrel, builder.Configuration);
            RequestText.Configure(kestrel);
        });
        configure?.Invoke(builder);

        // After the caller's configuration: the backends are chosen from the final settings.
        builder.Services.AddTaskCenter(builder.Configuration);

        // Each request passes these checks in this order before it reaches an endpoint; every refusal has the error shape.
        var app = builder.Build();
        app.UseNoSniff();
        app.UseApiErrors();
        app.UseRequestLimits();
        app.UseAllowedHosts();
        app.UseRequestText();
        app.UseOriginCheck();
        app.UseJsonBodies();
        app.UseTaskCenterSecurity();
        foreach (var prefix in ApiPrefixes)
        {
            var group = app.MapGroup(prefix);
            if (prefix != ApiPrefixes[0])
            {
                group.ExcludeFromDescription(); // The same API again: the document describes it once.
            }

            var api = group.WithApiErrors().RequireClientRateLimit();
            api.Tagged(ApiTags.Tasks).MapTaskEndpoints();
            api.Tagged(ApiTags.TaskManagement).MapTaskManagementEndpoints();
            api.Tagged(ApiTags.Operations).MapOverviewEndpoints().MapStatEndpoints();
            api.Tagged(ApiTags.Crontab).MapCrontabEndpoints();
            api.Tagged(ApiTags.Queue).MapQueueEndpoints();
            api.Tagged(ApiTags.Groups).MapGroupEndpoints();
            api.Tagged(ApiTags.DeadLetters).MapDeadLetterEndpoints();
        }

        app.MapHealthEndpoints();
        app.MapMetricsEndpoint();
        app.MapApiDocumentation();
        app.MapDashboard();
        return app;
    }
}
