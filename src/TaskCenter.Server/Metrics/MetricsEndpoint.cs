using System.Text;
using TaskCenter.Core.Storage;
using TaskCenter.Server.Overview;
using TaskCenter.Server.Security;

namespace TaskCenter.Server.Metrics;

/// <summary><c>GET /metrics</c>: every instrument in the Prometheus text format (see docs/metrics.md).</summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    public static WebApplication MapMetricsEndpoint(this WebApplication app)
    {
        // Group names are operators' data: with API keys configured, scrapers send a viewer key (Prometheus: authorization).
        // A scrape is an API call like any other for the rate limit; the marker finds it whatever path routing matched.
        app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(AccessPolicies.View).RequireClientRateLimit().WithMetadata(Scrape.Marker);

        // The census gauges report the latest count; a scrape counts again first when that is older than the overview's
        // CountMaxAge. After authorization: only a scraper allowed to read the answer makes the server count. With
        // storage down the scrape still answers (the gauges keep their last count): metrics matter most then.
        app.UseWhen(
            context => context.GetEndpoint()?.Metadata.GetMetadata<Scrape>() is not null,
            scrape => scrape.Use(async (context, next) =>
            {
                try
                {
                    await context.RequestServices.GetRequiredService<TaskCensusCache>().GetAsync(context.RequestAborted);
                }
                catch (StorageUnavailableException)
                {
                    // Counted again on a later scrape.
                }

                var scope = RequestScope.Of(context);
                if (scope.IsUnscoped)
                {
                    await next(context);
                    return;
                }

                // A scoped key sees its groups' series only: the exporter writes into a buffer, filtered before it is sent.
                var response = context.Response.Body;
                using var scrape = new MemoryStream();
                context.Response.Body = scrape;
                try
                {
                    await next(context);
                }
                finally
                {
                    context.Response.Body = response;
                }

                var filtered = Encoding.UTF8.GetBytes(ScopedMetrics.Filter(Encoding.UTF8.GetString(scrape.ToArray()), scope.Scopes.Groups));
                context.Response.ContentLength = filtered.Length;
                await response.WriteAsync(filtered, context.RequestAborted);
            }));
        return app;
    }

    /// <summary>Endpoint metadata of the scrape (<c>/metrics</c> and, as routing matches it, <c>/metrics/</c>).</summary>
    private sealed class Scrape
    {
        public static readonly Scrape Marker = new();
    }
}
