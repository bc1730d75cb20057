using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using TaskCenter.Server.Contracts;

namespace TaskCenter.Server.Security;

/// <summary>
/// Reads <c>Authorization: Bearer &lt;key&gt;</c>. Answers a missing or unknown key with 401 and a role that may not call
/// the endpoint with 403, both in the API's {err,msg} shape. With no keys configured every request is let in.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string UnknownKey = "unknown API key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (keys.IsEmpty)
        {
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ApiKeyAuthentication.Open, Scheme.Name)));
        }

        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)
            || string.IsNullOrWhiteSpace(header.Parameter))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (keys.Find(header.Parameter.Trim()) is not { } key)
        {
            Logger.LogInformation("Refused an unknown API key from {RemoteAddress}", Context.Connection.RemoteIpAddress);
            return Task.FromResult(AuthenticateResult.Fail(UnknownKey));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(ApiKeyAuthentication.PrincipalOf(key), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
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

    private Task WriteAsync(int status, string message)
    {
        Response.StatusCode = status;
        return Response.WriteAsJsonAsync(new ErrorResponse(status, message), ServerJsonContext.Wire.ErrorResponse);
    }
}
