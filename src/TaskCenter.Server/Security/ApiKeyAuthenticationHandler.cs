using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using TaskCenter.Contracts;
using TaskCenter.Server.Wire;

namespace TaskCenter.Server.Security;

/// <summary>
/// Reads <c>Authorization: Bearer &lt;key&gt;</c>. Answers a missing or unknown key with 401 and a role that may not call
/// the endpoint with 403, both in the API's {err,msg} shape. With no keys configured every request is let in.
/// </summary>
/// <remarks>
/// Refusals are logged by <see cref="AuthenticationFailureLog"/>, when a 401 is answered. The base class would log a
/// line at every failed authentication — also of requests that are answered 429, or that need no key — and another at
/// every challenge, so it gets no logger.
/// </remarks>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, UrlEncoder encoder, ApiKeyRing keys, AuthenticationFailureLog failures)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, NullLoggerFactory.Instance, encoder)
{
    private const string UnknownKey = "unknown API key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.IsEmpty)
        {
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ApiKeyAuthentication.Open, Scheme.Name)));
        }

        if (SentKey() is not { } sent)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(sent) is not { } key)
        {
            return Task.FromResult(AuthenticateResult.Fail(UnknownKey));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ApiKeyAuthentication.PrincipalOf(key), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        failures.Refused(result.Failure is not null ? SentKey() : null, Context);
        var message = result.Failure is not null
            ? $"{UnknownKey}: the key sent in Authorization: Bearer <key> is not configured on this server"
            : "an API key is required: send Authorization: Bearer <key>";
        Response.Headers.WWWAuthenticate = result.Failure is not null ? "Bearer error=\"invalid_token\"" : "Bearer";
        await WriteAsync(StatusCodes.Status401Unauthorized, message);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var name = ApiKeyAuthentication.KeyName(Context.User) ?? "this key";
        var role = Context.User.FindFirst(ClaimTypes.Role)?.Value;
        await WriteAsync(StatusCodes.Status403Forbidden,
            $"the API key '{name}' has the role {role}, which may not call {Request.Method} {Request.Path}");
    }

    /// <summary>The key of <c>Authorization: Bearer &lt;key&gt;</c>, if the request carries one.</summary>
    private string? SentKey() =>
        AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
        && string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
        && !string.IsNullOrWhiteSpace(header.Parameter)
            ? header.Parameter.Trim()
            : null;

    private Task WriteAsync(int status, string message)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(new ErrorResponse(status, message), ServerJson.Responses.ErrorResponse);
    }
}
