namespace TaskCenter.Server.Http;

/// <summary>
/// <c>X-Content-Type-Options: nosniff</c> on every response the app writes (API, dashboard, probes, documentation,
/// errors): a browser never reads an answer as another type than it declares, e.g. an error that echoes a request's
/// text as HTML or script.
/// </summary>
public static class NoSniff
{
    public static WebApplication UseNoSniff(this WebApplication app)
    {
        // Added as the response starts: the exception handler clears the headers set before it when it answers a fault.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
        return app;
    }
}
