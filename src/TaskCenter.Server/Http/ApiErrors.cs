using Microsoft.AspNetCore.Diagnostics;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Storage;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;

namespace TaskCenter.Server.Http;

/// <summary>
/// Makes every failure answer with <see cref="ErrorResponse"/>: caller mistakes thrown as <see cref="ApiException"/>
/// or by Kestrel (body too large), unmatched routes and methods, an unreachable or not yet ready database (503:
/// nothing was written, try again), and real faults (500, without details).
/// </summary>
public static class ApiErrors
{
    public static IResult Result(int status, string message) =>
        Results.Json(new ErrorResponse(status, message), ServerJson.Responses.ErrorResponse, statusCode: status);

    /// <summary>
    /// Answers caller mistakes raised inside endpoints without logging them as faults, and 503 while the storage is not
    /// ready yet (the database has not answered since the start).
    /// </summary>
    public static TBuilder WithApiErrors<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                if (context.HttpContext.RequestServices.GetRequiredService<StorageReadiness>().WaitingFor is { } waitingFor)
                {
                    return Result(StatusCodes.Status503ServiceUnavailable, $"the database is not ready yet: {waitingFor}; try again later");
                }

                return await next(context);
            }
            catch (ApiException e)
            {
                return Result(e.Status, e.Message);
            }
            catch (StorageUnavailableException e)
            {
                return Unavailable(e);
            }
            catch (TransportUnavailableException e)
            {
                return Result(StatusCodes.Status503ServiceUnavailable, e.Message + "; try again later");
            }
            catch (BadHttpRequestException e)
            {
                return Result(e.StatusCode, Unreadable(e));
            }
        });

    /// <summary>Kestrel's refusal of a body while it is read: too large, or arriving too slowly (MinRequestBodyDataRate).</summary>
    private static string Unreadable(BadHttpRequestException e) => e.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => "request body is larger than the server accepts",
        StatusCodes.Status408RequestTimeout => "the request body arrived too slowly (under 240 bytes a second); the server stopped reading it",
        _ => "the request could not be read: " + e.Message,
    };

    private static IResult Unavailable(StorageUnavailableException e) =>
        Result(StatusCodes.Status503ServiceUnavailable, UnavailableMessage(e));

    private static string UnavailableMessage(StorageUnavailableException e) =>
        $"the database is unavailable; try again later ({e.Message})";

    public static WebApplication UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(WriteExceptionAsync));
        app.UseStatusCodePages(context => WriteStatusAsync(context.HttpContext));
        return app;
    }

    private static Task WriteExceptionAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var (status, message) = error switch
        {
            ApiException api => (api.Status, api.Message),
            BadHttpRequestException bad => (bad.StatusCode, Unreadable(bad)),
            StorageUnavailableException unavailable => (StatusCodes.Status503ServiceUnavailable, UnavailableMessage(unavailable)),
            TransportUnavailableException transport => (StatusCodes.Status503ServiceUnavailable, transport.Message + "; try again later"),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => (499, "request aborted"),
            _ => (StatusCodes.Status500InternalServerError, "internal server error"),
        };
        return WriteAsync(context, status, message);
    }

    private static Task WriteStatusAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var message = status switch
        {
            StatusCodes.Status404NotFound => $"no such path: {context.Request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed on {context.Request.Path}",
            StatusCodes.Status413PayloadTooLarge => "request body is larger than the server accepts",
            StatusCodes.Status415UnsupportedMediaType => "send the body as JSON with Content-Type: application/json",
            _ => "request failed",
        };
        return WriteAsync(context, status, message);
    }

    /// <summary>Answers the request with the error shape, unless its response has started already.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(status, message), ServerJson.Responses.ErrorResponse);
    }
}
