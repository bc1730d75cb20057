using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using TaskCenter.Contracts;

namespace TaskCenter.Server.OpenApi;

/// <summary>
/// The OpenAPI document of the HTTP API at <c>/openapi/v1.json</c> and a browsable reference at <c>/api-reference</c>
/// (Scalar, its script served by the server itself). Only the <c>/v1/api</c> paths are described; <c>/api/v1</c> is the
/// same API under the original Go server's prefix. The reference page runs under a Content-Security-Policy: scripts
/// of this server only (its one inline script carries a fresh nonce per request), calls to this server only, no
/// framing; nothing is fetched from elsewhere (no web fonts, no telemetry, no AI agent), and nothing on it points
/// elsewhere (no developer toolbar). Operations are grouped by resource (<see cref="ApiTags"/>).
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/openapi/{documentName}.json";
    public const string ReferencePath = "/api-reference";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            // The document's schemas come from the wire's own metadata, and say what the server reads: a number is a
            // JSON number (the default web options would also document a number in a string).
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, WireJsonContext.Default);
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        }).AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "TaskCenter API",
                Version = "v1",
                // Markdown: the reference renders it, so code goes in backticks (a bare <key> would be taken for HTML).
                Description = "Scheduled tasks delivered to consumer groups. Every error answers `{\"err\": status, \"msg\": text}`; "
                    + "with API keys configured, send `Authorization: Bearer <key>`. The same API is served under `/api/v1`.",
            };
            // In the reference's order, each with its description (the operations name theirs: ApiTags.Tagged).
            document.Tags = new HashSet<OpenApiTag>(ApiTags.All.Select(tag => new OpenApiTag { Name = tag.Name, Description = tag.Description }));
            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, context, _) =>
        {
            // A field a request requires takes a value: the server reads its null as its absence (IRequestBody).
            if (context.JsonPropertyInfo is { IsRequired: true } field && typeof(IRequestBody).IsAssignableFrom(field.DeclaringType))
            {
                schema.Type &= ~JsonSchemaType.Null;
            }

            return Task.CompletedTask;
        }));

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        // The API's description is public, also when API keys are configured.
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("TaskCenter API")
            .WithOpenApiRoutePattern(DocumentPath)
            .WithNonce()
            .HideDeveloperTools() // Its toolbar offers Scalar's hosted services (Deploy, Generate SDK), outside this product.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp())
            .AllowAnonymous()
            .AddEndpointFilter((context, next) =>
            {
                var response = context.HttpContext.Response;
                response.OnStarting(() =>
                {
                    response.Headers.ContentSecurityPolicy = ReferencePolicy(response.HttpContext.Items[ScalarOptions.NonceHttpContextItemKey] as string);
                    return Task.CompletedTask;
                });
                return next(context);
            });
        return app;
    }

    /// <summary>
    /// What Scalar needs: its scripts and the page's one inline script (by nonce), the styles it sets inline (its
    /// components style elements one by one), images it writes as data: URLs; everything else from this server only.
    /// </summary>
    private static string ReferencePolicy(string? nonce) =>
        $"default-src 'self'; script-src 'self'{(nonce is null ? "" : $" 'nonce-{nonce}'")}; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Summary (a few words: the reference's sidebar lists it), the details in <paramref name="description"/>, request
    /// body, success response and the error shape of one endpoint.
    /// </summary>
    public static RouteHandlerBuilder Documented<TResponse>(this RouteHandlerBuilder endpoint, string summary, Type? body = null, string? description = null)
    {
        endpoint.WithSummary(summary).Produces<TResponse>().Produces<ErrorResponse>(StatusCodes.Status400BadRequest);
        if (description is not null)
        {
            endpoint.WithDescription(description);
        }

        return body is null ? endpoint : endpoint.Accepts(body, "application/json");
    }

    /// <summary>Headers the endpoint's success response may carry, for the document.</summary>
    public static RouteHandlerBuilder WithResponseHeaders(this RouteHandlerBuilder endpoint, params (string Name, string Description)[] headers) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var response) == true && response is OpenApiResponse ok)
            {
                ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
                foreach (var (name, description) in headers)
                {
                    ok.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                }
            }

            return Task.CompletedTask;
        });

    /// <summary>Query parameters the endpoint reads itself (strictly, to name them in errors), for the document.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder endpoint, params (string Name, bool Required, string Description)[] parameters) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            foreach (var (name, required, description) in parameters)
            {
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = name,
                    In = ParameterLocation.Query,
                    Required = required,
                    Description = description,
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                });
            }

            return Task.CompletedTask;
        });
}
