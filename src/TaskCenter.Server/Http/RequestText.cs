using System.Net;
using System.Text;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace TaskCenter.Server.Http;

/// <summary>
/// The text of a request's target and of the headers the server reads must be UTF-8, else 400 naming the parameter or
/// header. A percent-encoded sequence in the path or query that is not UTF-8 (<c>%FF</c>; <c>%ED%A0%80</c>, a
/// surrogate) is kept escaped by ASP.NET and would otherwise be read as the literal text "%FF". Kestrel refuses invalid
/// UTF-8 in a header before the app runs, with an empty 400; it hands the headers the server reads over as bytes
/// (Latin-1) instead, so they are checked and decoded here and refused with the error shape. (JSON bodies: see
/// <see cref="JsonBody"/>.)
/// </summary>
public static class RequestText
{
    private static readonly string[] ReadHeaders = [HeaderNames.Authorization, HeaderNames.Origin, HeaderNames.ContentType];

    public static void Configure(KestrelServerOptions kestrel) =>
        kestrel.RequestHeaderEncodingSelector = name =>
            Array.Exists(ReadHeaders, read => read.Equals(name, StringComparison.OrdinalIgnoreCase)) ? Encoding.Latin1 : null;

    public static WebApplication UseRequestText(this WebApplication app)
    {
        app.Use((context, next) => (TargetProblem(context) ?? HeaderProblem(context.Request.Headers)) is { } problem
            ? ApiErrors.WriteAsync(context, StatusCodes.Status400BadRequest, $"{problem} is not valid text: it holds invalid UTF-8")
            : next(context));
        return app;
    }

    /// <summary>The path segment (named by its route parameter) or query parameter that is not UTF-8, if any.</summary>
    private static string? TargetProblem(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (target is null || !target.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var queryStart = target.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? target : target[..queryStart];
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (!IsUtf8(segments[i]))
            {
                return RouteParameter(context, path, i) ?? "the path";
            }
        }

        if (queryStart >= 0)
        {
            foreach (var pair in target[(queryStart + 1)..].Split('&'))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = equals < 0 ? pair : pair[..equals];
                if (!IsUtf8(name))
                {
                    return "a query parameter's name";
                }

                if (equals >= 0 && !IsUtf8(pair[(equals + 1)..]))
                {
                    return Uri.UnescapeDataString(name);
                }
            }
        }

        return null;
    }

    /// <summary>The route parameter the path's segment is, e.g. <c>id</c> of <c>/v1/api/tasks/{id}</c>.</summary>
    private static string? RouteParameter(HttpContext context, string path, int segment) =>
        path.StartsWith('/')
        && context.GetEndpoint() is RouteEndpoint { RoutePattern.PathSegments: var pattern }
        && segment >= 1 && segment <= pattern.Count
        && pattern[segment - 1].Parts is [RoutePatternParameterPart parameter]
            ? parameter.Name
            : null;

    private static bool IsUtf8(string escaped)
    {
        if (!escaped.Contains('%', StringComparison.Ordinal))
        {
            return true;
        }

        var bytes = Encoding.ASCII.GetBytes(escaped);
        return Utf8.IsValid(WebUtility.UrlDecodeToBytes(bytes, 0, bytes.Length));
    }

    /// <summary>The read header that is not UTF-8, if any; the others are decoded from the bytes Kestrel handed over.</summary>
    private static string? HeaderProblem(IHeaderDictionary headers)
    {
        foreach (var name in ReadHeaders)
        {
            var values = headers[name];
            for (var i = 0; i < values.Count; i++)
            {
                if (values[i] is not { } value || System.Text.Ascii.IsValid(value))
                {
                    continue;
                }

                var bytes = Encoding.Latin1.GetBytes(value);
                if (!Utf8.IsValid(bytes))
                {
                    return $"the {name} header";
                }

                var decoded = values.ToArray();
                decoded[i] = Encoding.UTF8.GetString(bytes);
                headers[name] = values = new StringValues(decoded);
            }
        }

        return null;
    }
}
