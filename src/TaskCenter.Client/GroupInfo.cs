namespace TaskCenter.Client;

/// <summary>A declared consumer group, as <see cref="TaskCenterClient.PutGroupAsync"/> and <see cref="TaskCenterClient.GetGroupAsync"/> return it.</summary>
public sealed record GroupInfo
{
    /// <summary>The group's name (wire <c>group</c>).</summary>
    public required string Group { get; init; }

    /// <summary>Its subscription in canonical form (wire <c>tags</c>).</summary>
    public required string Tags { get; init; }

    /// <summary>The name of the API key that declared it; <see langword="null"/> without keys (wire <c>owner</c>).</summary>
    public string? Owner { get; init; }

    /// <summary>When it was last declared or changed (wire <c>updated_at_ms</c>).</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>Its push target; <see langword="null"/> for a group whose consumers pull (wire <c>push</c>).</summary>
    public PushTargetInfo? Push { get; init; }
}
