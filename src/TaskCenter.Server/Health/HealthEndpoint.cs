using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;

namespace TaskCenter.Server.Health;

/// <summary>
/// <c>GET /healthz</c>, the liveness probe: 200 whenever the process answers, with every check's state in the body
/// (a database or broker outage is no reason to restart the server; it recovers by itself once they are back).
/// <c>GET /readyz</c>, the readiness probe: the checks tagged <see cref="HealthTags.Ready"/> (the database and, with
/// RabbitMQ delivery, the broker) in the same shape; 200 while they are healthy or degraded, 503 when one is unhealthy.
/// </summary>
public static class HealthEndpoint
{
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResultStatusCodes = Codes(unhealthy: StatusCodes.Status200OK),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous(); // Probes carry no key.
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(HealthTags.Ready),
            ResultStatusCodes = Codes(unhealthy: StatusCodes.Status503ServiceUnavailable),
            ResponseWriter = WriteAsync,
        }).AllowAnonymous();
        return app;
    }

    private static Dictionary<HealthStatus, int> Codes(int unhealthy) => new()
    {
        [HealthStatus.Healthy] = StatusCodes.Status200OK,
        [HealthStatus.Degraded] = StatusCodes.Status200OK,
        [HealthStatus.Unhealthy] = unhealthy,
    };

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
        return context.Response.WriteAsJsonAsync(new HealthResponse(Wire(report.Status), checks), ServerJson.Responses.HealthResponse);
    }

    private static string Wire(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "ok",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
