using TaskCenter.Core.Access;

namespace TaskCenter.Server.Security;

/// <summary>
/// What a key may touch (<c>Security:ApiKeys:N:Scopes</c>): the task names it may add, read, change and delete — also
/// the tags its consumer groups may subscribe to — and the consumer groups it may consume, ack, nack and manage as. A
/// key without <c>Scopes</c> may touch everything; once a key has <c>Scopes</c>, a list it leaves out means none.
/// </summary>
public sealed record KeyScopes(NameScope Tasks, NameScope Groups)
{
    public static KeyScopes Unscoped { get; } = new(NameScope.Everything, NameScope.Everything);

    public bool IsUnscoped => Tasks.IsEverything && Groups.IsEverything;
}
