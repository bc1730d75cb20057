namespace TaskCenter.Server.Security;

/// <summary>What an API key may do; the names are the values of <c>Security:ApiKeys:N:Role</c>.</summary>
public static class ApiKeyRole
{
    /// <summary>Everything, including dead-letter redrive and purge.</summary>
    public const string Admin = "admin";

    /// <summary>Adds, deletes and queries tasks; previews crontabs.</summary>
    public const string Producer = "producer";

    /// <summary>Consumes, acks and nacks messages of the built-in queue.</summary>
    public const string Consumer = "consumer";

    /// <summary>Reads only: task queries, crontab preview, dead-letter list, stat.</summary>
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Admin, Producer, Consumer, Viewer];
}
