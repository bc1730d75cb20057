using Microsoft.AspNetCore.Authorization;

namespace TaskCenter.Server.Security;

/// <summary>
/// The authorization policies endpoints declare (<c>RequireAuthorization(AccessPolicies.X)</c>), each a set of roles;
/// endpoints that declare none fall back to <see cref="Admin"/>.
/// </summary>
public static class AccessPolicies
{
    /// <summary>Add, change, pause, resume, trigger and delete tasks.</summary>
    public const string ManageTasks = "ManageTasks";

    /// <summary>Query tasks and their fires, preview crontabs.</summary>
    public const string ReadTasks = "ReadTasks";

    /// <summary>Consume, ack, nack.</summary>
    public const string Consume = "Consume";

    /// <summary>Read-only views of the server: stat, the overview, the groups, the dead-letter list, metrics.</summary>
    public const string View = "View";

    /// <summary>Operations that change what others consume: dead-letter redrive and purge, deleting a group.</summary>
    public const string Admin = "Admin";

    internal static void Add(AuthorizationOptions options)
    {
        Add(options, ManageTasks, ApiKeyRole.Admin, ApiKeyRole.Producer);
        Add(options, ReadTasks, ApiKeyRole.Admin, ApiKeyRole.Producer, ApiKeyRole.Viewer);
        Add(options, Consume, ApiKeyRole.Admin, ApiKeyRole.Consumer);
        Add(options, View, ApiKeyRole.Admin, ApiKeyRole.Viewer);
        Add(options, Admin, ApiKeyRole.Admin);

        // An endpoint that declares no policy is admin-only, so a new endpoint is never open by accident; the probes
        // and the API documentation say AllowAnonymous.
        options.FallbackPolicy = options.GetPolicy(Admin);
    }

    private static void Add(AuthorizationOptions options, string name, params string[] roles) =>
        options.AddPolicy(name, policy => policy.RequireAuthenticatedUser().RequireRole(roles));
}
