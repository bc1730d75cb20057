namespace TaskCenter.Server.Security;

/// <summary>A configured API key: its name (for logs and rate-limit partitions, never the key) and its role.</summary>
public sealed record ApiKey(string Name, string Role);
