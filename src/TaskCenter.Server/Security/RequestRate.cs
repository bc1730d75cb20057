namespace TaskCenter.Server.Security;

/// <summary>A token bucket: <see cref="PermitsPerSecond"/> on average, <see cref="Burst"/> at once (0: as many as per second).</summary>
public sealed class RequestRate
{
    /// <summary>Requests per second on average; 0 means no limit.</summary>
    public int PermitsPerSecond { get; set; }

    /// <summary>Requests at once before the average applies; 0 means <see cref="PermitsPerSecond"/>.</summary>
    public int Burst { get; set; }

    public bool IsUnlimited => PermitsPerSecond == 0;

    /// <summary>Null when both figures are 0 or more, else the problem, naming the configuration section.</summary>
    public string? Check(string section) =>
        PermitsPerSecond < 0 || Burst < 0 ? $"{section}:PermitsPerSecond and {section}:Burst must be 0 or more" : null;
}
