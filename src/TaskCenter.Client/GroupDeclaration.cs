namespace TaskCenter.Client;

/// <summary>
/// What a consumer group is, as <see cref="TaskCenterClient.PutGroupAsync"/> declares it: the tags it subscribes to and,
/// for a push group, the HTTP target its messages are POSTed to. Without <see cref="Push"/> it is a group whose consumers
/// pull (built-in queue only), as a consume call would make it.
/// </summary>
public sealed record GroupDeclaration
{
    /// <summary><c>*</c>, or tags and prefixes joined by <c>||</c>, as in <c>invoice || refund</c> (wire <c>tags</c>).</summary>
    public required string Tags { get; init; }

    /// <summary>The target the group's messages are pushed to; <see langword="null"/> for a group whose consumers pull (wire <c>push</c>).</summary>
    public PushTarget? Push { get; init; }
}
