using TaskCenter.Server.Security;

namespace TaskCenter.Server.Metrics;

/// <summary><c>GET /metrics</c>: every instrument in the Prometheus text format (see docs/metrics.md).</summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        // Group names are operators' data: with API keys configured, scrapers send a viewer key (Prometheus: authorization).
        app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(AccessPolicies.View);
        return app;
    }
}
