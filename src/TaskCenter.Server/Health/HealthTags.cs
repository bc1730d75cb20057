namespace TaskCenter.Server.Health;

/// <summary>Tags of the health checks; <c>/readyz</c> runs only the checks tagged <see cref="Ready"/>.</summary>
public static class HealthTags
{
    /// <summary>A dependency the server cannot do its work without: the database, the broker.</summary>
    public const string Ready = "ready";

    public static readonly string[] ReadyOnly = [Ready];
}
