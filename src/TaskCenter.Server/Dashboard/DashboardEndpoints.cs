using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace TaskCenter.Server.Dashboard;

/// <summary>
/// The web dashboard: plain HTML, CSS and JavaScript modules embedded in this assembly (Dashboard/wwwroot), served under
/// <c>/dashboard/</c>. The files hold no data, so they are anonymous; the pages call the API, which asks for a key when
/// the server has keys.
/// </summary>
public static class DashboardEndpoints
{
    public const string Path = "/dashboard";

    private const string IndexFile = "index.html";

    // Only what the dashboard does: its own scripts, styles and API calls; no inline code, no other origin, no framing.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private static readonly ManifestEmbeddedFileProvider Files = new(typeof(DashboardEndpoints).Assembly, "Dashboard/wwwroot");
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();
    private static readonly ConcurrentDictionary<string, DashboardFile> Cache = new(StringComparer.Ordinal);

    public static WebApplication MapDashboard(this WebApplication app)
    {
        // One route for /dashboard, /dashboard/ and every file below it; the pages route themselves by the URL's hash.
        app.MapGet(Path + "/{**file}", Serve).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext context, string? file)
    {
        if (string.IsNullOrEmpty(file))
        {
            // Relative links in index.html resolve against /dashboard/, not against /.
            if (!context.Request.Path.Value!.EndsWith('/'))
            {
                return Results.Redirect(context.Request.PathBase + Path + "/");
            }

            file = IndexFile;
        }

        // Only files that exist are kept, so made-up names cannot grow the cache.
        if (!Cache.TryGetValue(file, out var found))
        {
            found = Load(file);
            if (found is null)
            {
                return Results.NotFound();
            }

            Cache.TryAdd(file, found);
        }

        var headers = context.Response.Headers;
        headers.CacheControl = "no-cache"; // Revalidated by ETag: a new server version is picked up at once.
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        return Results.Bytes(found.Content, found.ContentType, entityTag: found.ETag);
    }

    private static DashboardFile? Load(string file)
    {
        var info = Files.GetFileInfo(file);
        if (!info.Exists || info.IsDirectory || !ContentTypes.TryGetContentType(info.Name, out var contentType))
        {
            return null;
        }

        using var stream = info.CreateReadStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var content = buffer.ToArray();
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"");
        if (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal))
        {
            contentType += "; charset=utf-8";
        }

        return new DashboardFile(content, contentType, etag);
    }

    private sealed record DashboardFile(byte[] Content, string ContentType, EntityTagHeaderValue ETag);
}
