using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TaskCenter.Client.AspNetCore;

/// <summary>
/// Maps an endpoint that receives a push group's messages: <c>POST</c> requests whose Standard Webhooks signature is
/// verified before the handler sees them. The answer tells the server what became of the message: 204 when the handler
/// returns (delivered); 503 with <c>Retry-After</c> when it throws <see cref="RetryLaterException"/>; 500 when it throws
/// anything else (retried on the server's ladder); 401 for a request not signed with the secret or not recent; 413 for a
/// body over <see cref="TaskCenterWebhookOptions.MaxBodySize"/>; 400 for a signed request without TaskCenter's headers.
/// </summary>
public static class TaskCenterWebhookEndpointRouteBuilderExtensions
{
    /// <summary>Receives a push group's messages at <paramref name="pattern"/>, verified with <paramref name="secret"/>.</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">The route, e.g. <c>/hooks/invoice</c>.</param>
    /// <param name="secret">The group's signing secret, <c>whsec_…</c>.</param>
    /// <param name="handler">Handles one message; the token is the request's (the server gave up waiting).</param>
    /// <returns>The endpoint's builder, to add conventions (host, rate limiting...).</returns>
    /// <exception cref="ArgumentException">The secret is not a Standard Webhooks secret.</exception>
    public static IEndpointConventionBuilder MapTaskCenterWebhook(
        this IEndpointRouteBuilder endpoints, string pattern, string secret, Func<PushedMessage, CancellationToken, Task> handler) =>
        endpoints.MapTaskCenterWebhook(pattern, new TaskCenterWebhookOptions { Secret = secret }, handler);

    /// <summary>Receives a push group's messages at <paramref name="pattern"/>, with these settings.</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">The route, e.g. <c>/hooks/invoice</c>.</param>
    /// <param name="options">The secret and limits; copied.</param>
    /// <param name="handler">Handles one message; the token is the request's (the server gave up waiting).</param>
    /// <returns>The endpoint's builder, to add conventions (host, rate limiting...).</returns>
    /// <exception cref="ArgumentException">The secret is not a Standard Webhooks secret.</exception>
    public static IEndpointConventionBuilder MapTaskCenterWebhook(
        this IEndpointRouteBuilder endpoints, string pattern, TaskCenterWebhookOptions options, Func<PushedMessage, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return endpoints.MapTaskCenterWebhook(pattern, options, (message, _, cancellationToken) => handler(message, cancellationToken));
    }

    /// <summary>Receives a push group's messages at <paramref name="pattern"/>, with a handler that takes the request's services.</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">The route, e.g. <c>/hooks/invoice</c>.</param>
    /// <param name="secret">The group's signing secret, <c>whsec_…</c>.</param>
    /// <param name="handler">Handles one message, with the request's scoped services.</param>
    /// <returns>The endpoint's builder, to add conventions (host, rate limiting...).</returns>
    /// <exception cref="ArgumentException">The secret is not a Standard Webhooks secret.</exception>
    public static IEndpointConventionBuilder MapTaskCenterWebhook(
        this IEndpointRouteBuilder endpoints, string pattern, string secret,
        Func<PushedMessage, IServiceProvider, CancellationToken, Task> handler) =>
        endpoints.MapTaskCenterWebhook(pattern, new TaskCenterWebhookOptions { Secret = secret }, handler);

    /// <summary>Receives a push group's messages at <paramref name="pattern"/>, with these settings and a handler that takes the request's services.</summary>
    /// <param name="endpoints">The app's endpoints.</param>
    /// <param name="pattern">The route, e.g. <c>/hooks/invoice</c>.</param>
    /// <param name="options">The secret and limits; copied.</param>
    /// <param name="handler">Handles one message, with the request's scoped services.</param>
    /// <returns>The endpoint's builder, to add conventions (host, rate limiting...).</returns>
    /// <exception cref="ArgumentException">The secret is not a Standard Webhooks secret.</exception>
    public static IEndpointConventionBuilder MapTaskCenterWebhook(
        this IEndpointRouteBuilder endpoints, string pattern, TaskCenterWebhookOptions options,
        Func<PushedMessage, IServiceProvider, CancellationToken, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        var services = endpoints.ServiceProvider;
        var endpoint = new WebhookEndpoint(
            options, handler, services.GetService<TimeProvider>() ?? TimeProvider.System,
            (services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger(typeof(WebhookEndpoint).FullName!));
        return endpoints.MapPost(pattern, endpoint.HandleAsync);
    }
}
