using TaskCenter.Contracts;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;
using TaskCenter.Server.Http;

namespace TaskCenter.Server.Push;

/// <summary>
/// A <c>PUT /v1/api/groups/{group}</c> body read and checked: its subscription and, for a push group, its target, every
/// refusal naming its field. Without a secret, a push group keeps the one it has, and a new one gets a generated secret
/// (<see cref="GeneratedSecret"/>: shown once).
/// </summary>
internal sealed record PushDeclaration(TagFilter Tags, PushSettings? Push, bool GeneratedSecret)
{
    public const int MaxUrlLength = 2048;
    public const int MaxHeaders = 32;
    public const int MaxHeaderNameLength = 256;
    public const int MaxHeaderValueLength = 4096;
    public const int MaxContentTypeLength = 256;
    public const long MinTimeoutMs = 1_000;
    public const long MaxTimeoutMs = 300_000;
    public const int MaxConcurrencyLimit = 256;

    /// <summary>Headers a group may not set: the signature's, TaskCenter's own, the body's and the connection's.</summary>
    private static readonly string[] ReservedPrefixes = ["webhook-", "taskcenter-", "content-", "proxy-"];

    private static readonly HashSet<string> ReservedNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "expect", "cookie",
    };

    /// <param name="body">The request's body.</param>
    /// <param name="targets">Where pushes may go.</param>
    /// <param name="limits">The subscription limits.</param>
    /// <param name="currentSecret">The secret of the push group as stored; null for a new one.</param>
    public static PushDeclaration Read(PutGroupRequest body, PushTargets targets, LimitOptions limits, string? currentSecret)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(targets);
        if (body.Tags is null)
        {
            throw ApiException.BadRequest("tags is required (\"*\", or tags and prefixes joined by ||)");
        }

        if (!SubscriptionLimits.TryParse(body.Tags, limits, out var tags, out var tagsError))
        {
            throw ApiException.BadRequest($"tags {tagsError}");
        }

        if (body.Push is not { } push)
        {
            return new PushDeclaration(tags, null, GeneratedSecret: false);
        }

        var url = push.Url ?? throw ApiException.BadRequest("push.url is required");
        if (url.Length > MaxUrlLength)
        {
            throw ApiException.BadRequest($"push.url is {url.Length} characters long; at most {MaxUrlLength}");
        }

        if (targets.Check(url) is { } urlProblem)
        {
            throw ApiException.BadRequest($"push.url {urlProblem}");
        }

        var secret = push.Secret ?? currentSecret ?? WebhookSignature.NewSecret();
        if (WebhookSignature.ReadKey(secret, out var secretProblem) is null)
        {
            throw ApiException.BadRequest($"push.secret {secretProblem}");
        }

        return new PushDeclaration(
            tags,
            new PushSettings
            {
                Url = url,
                ContentType = ContentType(push.ContentType),
                Timeout = TimeSpan.FromMilliseconds(ApiException.RequireInRange(push.TimeoutMs ?? (long)PushSettings.DefaultTimeout.TotalMilliseconds, "push.timeout_ms", MinTimeoutMs, MaxTimeoutMs)),
                MaxConcurrency = (int)ApiException.RequireInRange(push.MaxConcurrency ?? PushSettings.DefaultMaxConcurrency, "push.max_concurrency", 1, MaxConcurrencyLimit),
                Headers = Headers(push.Headers),
                Secret = secret,
            },
            GeneratedSecret: push.Secret is null && currentSecret is null);
    }

    private static string ContentType(string? contentType)
    {
        if (contentType is null)
        {
            return PushSettings.DefaultContentType;
        }

        if (contentType.Length > MaxContentTypeLength || !System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out _))
        {
            throw ApiException.BadRequest($"push.content_type '{Shorten(contentType)}' is not a media type (e.g. application/json; charset=utf-8)");
        }

        return contentType;
    }

    private static Dictionary<string, string> Headers(IReadOnlyDictionary<string, string>? headers)
    {
        var checkedHeaders = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (headers is null)
        {
            return checkedHeaders;
        }

        if (headers.Count > MaxHeaders)
        {
            throw ApiException.BadRequest($"push.headers holds {headers.Count} headers; at most {MaxHeaders}");
        }

        foreach (var (name, value) in headers)
        {
            if (name.Length is 0 or > MaxHeaderNameLength || !name.All(IsTokenChar))
            {
                throw ApiException.BadRequest($"push.headers: '{Shorten(name)}' is not a header name (letters, digits and !#$%&'*+-.^_`|~, at most {MaxHeaderNameLength})");
            }

            if (ReservedNames.Contains(name) || ReservedPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            {
                throw ApiException.BadRequest($"push.headers.{name} is set by the server; a group may not set it");
            }

            if (value is null || value.Length > MaxHeaderValueLength || !value.All(c => c is '\t' or (>= ' ' and <= '~')))
            {
                throw ApiException.BadRequest($"push.headers.{name} must be printable ASCII, at most {MaxHeaderValueLength} characters");
            }

            if (!checkedHeaders.TryAdd(name, value))
            {
                throw ApiException.BadRequest($"push.headers names {name} twice (header names ignore case)");
            }
        }

        return checkedHeaders;
    }

    private static bool IsTokenChar(char c) =>
        c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9')
            or '!' or '#' or '$' or '%' or '&' or '\'' or '*' or '+' or '-' or '.' or '^' or '_' or '`' or '|' or '~';

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";
}
