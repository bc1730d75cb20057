using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace TaskCenter.Server.Http;

/// <summary>
/// The server reads no body but JSON: a request with a body (Content-Length above 0, or chunked) must say
/// <c>Content-Type: application/json</c> or <c>application/*+json</c>, in UTF-8 (no charset, or utf-8), else 415 — a
/// missing header too.
/// A browser sends a page's cross-site request without asking the server first (no CORS preflight) only with a
/// text/plain, form or multipart body or none named at all, so no page of another site can make the server read one.
/// </summary>
public static class JsonBodies
{
    public static WebApplication UseJsonBodies(this WebApplication app)
    {
        app.Use((context, next) => HasBody(context) && Refusal(context.Request.ContentType) is { } problem
            ? ApiErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, problem)
            : next(context));
        return app;
    }

    private static bool HasBody(HttpContext context) =>
        context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? context.Request.ContentLength > 0;

    private static string? Refusal(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return "the request has a body but no Content-Type; send the body as JSON with Content-Type: application/json";
        }

        return IsJson(contentType)
            ? null
            : $"Content-Type '{contentType}' is not accepted; send the body as UTF-8 JSON with Content-Type: application/json";
    }

    private static bool IsJson(string contentType)
    {
        // What clients send, without parsing it.
        if (contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Equals("application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // The body is read as UTF-8, JSON's own encoding (RFC 8259): a body declared in another charset would be misread.
        return MediaTypeHeaderValue.TryParse(contentType, out var media)
            && media.Type.Equals("application", StringComparison.OrdinalIgnoreCase)
            && (media.SubType.Equals("json", StringComparison.OrdinalIgnoreCase) || media.Suffix.Equals("json", StringComparison.OrdinalIgnoreCase))
            && (media.Charset.Length == 0 || HeaderUtilities.RemoveQuotes(media.Charset).Equals("utf-8", StringComparison.OrdinalIgnoreCase));
    }
}
