using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskCenter.Server.Contracts;

namespace TaskCenter.Server.Health;

/// <summary>
/// <c>GET /healthz</c>: 200 while the server can serve (healthy or degraded), 503 when it cannot (the database is
/// unreachable), with every check's state in the body.
/// </summary>
public static class HealthEndpoint
{
    public static WebApplication MapHealthEndpoint(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteAsync,
        });
        return app;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(
            entry => entry.Key,
            entry => new HealthCheckResponse(
                Wire(entry.Value.Status),
                entry.Value.Description,
                entry.Value.Data.Count == 0
                    ? null
                    : entry.Value.Data.ToDictionary(d => d.Key, d => Convert.ToString(d.Value, CultureInfo.InvariantCulture) ?? "")),
            StringComparer.Ordinal);
        return context.Response.WriteAsJsonAsync(new HealthResponse(Wire(report.Status), checks), ServerJsonContext.Wire.HealthResponse);
    }

    private static string Wire(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
