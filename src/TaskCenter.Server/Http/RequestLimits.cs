using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using TaskCenter.Core.Validation;

namespace TaskCenter.Server.Http;

/// <summary>
/// The bounds on a request. Kestrel refuses a request line or headers over its own limits before any of the app runs,
/// and then answers with an empty body (it has no hook to give one). So the server checks these bounds itself, first,
/// and answers 414 or 431 with the error shape; Kestrel's limits are set <see cref="KestrelHeadroom"/> times higher, and
/// only beyond them does a client get Kestrel's empty answer.
/// </summary>
public static class RequestLimits
{
    /// <summary>Method, target and protocol of the request line, in bytes (Kestrel's default limit).</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>All header lines together, names, values and line ends, in bytes (Kestrel's default limit).</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Header lines (Kestrel's default limit).</summary>
    public const int MaxHeaderCount = 100;

    public const int KestrelHeadroom = 2;

    /// <summary>Kestrel's limits: the body limit from the largest task, the head limits above the app's own.</summary>
    public static void Configure(KestrelServerOptions kestrel, IConfiguration configuration)
    {
        // A data field of the largest size, written with \uXXXX escapes everywhere, plus the other fields.
        var maxData = configuration.GetSection(TaskValidationOptions.Section).Get<TaskValidationOptions>()?.MaxDataBytes ?? new TaskValidationOptions().MaxDataBytes;
        kestrel.Limits.MaxRequestBodySize = (maxData * 6L) + (64 * 1024);
        kestrel.Limits.MaxRequestLineSize = MaxRequestLineBytes * KestrelHeadroom;
        kestrel.Limits.MaxRequestHeadersTotalSize = MaxHeaderBytes * KestrelHeadroom;
        kestrel.Limits.MaxRequestHeaderCount = MaxHeaderCount * KestrelHeadroom;
    }

    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.Use((context, next) => Refusal(context) is { } refusal
            ? ApiErrors.WriteAsync(context, refusal.Status, refusal.Message)
            : next(context));
        return app;
    }

    private static (int Status, string Message)? Refusal(HttpContext context)
    {
        var request = context.Request;
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "";
        var lineBytes = request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length;
        if (lineBytes > MaxRequestLineBytes)
        {
            return (StatusCodes.Status414UriTooLong, string.Create(CultureInfo.InvariantCulture,
                $"the request line is {lineBytes} bytes; at most {MaxRequestLineBytes} are accepted (send long lists in a JSON body)"));
        }

        var (headerBytes, headerCount) = (0, 0);
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                headerBytes += name.Length + 2 + (value?.Length ?? 0) + 2;
                headerCount++;
            }
        }

        return headerBytes > MaxHeaderBytes || headerCount > MaxHeaderCount
            ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, string.Create(CultureInfo.InvariantCulture,
                $"the request has {headerCount} header lines of {headerBytes} bytes; at most {MaxHeaderCount} lines of {MaxHeaderBytes} bytes are accepted"))
            : null;
    }
}
