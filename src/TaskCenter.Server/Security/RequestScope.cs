using TaskCenter.Core.Access;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;
using TaskCenter.Server.Http;

namespace TaskCenter.Server.Security;

/// <summary>
/// What the request's API key may touch (<see cref="KeyScopes"/>), for endpoints to check what a request names; bound
/// as an endpoint parameter. A name or group outside the scope is refused with 403 naming the scope. A task found by
/// id outside the scope is treated as missing, so a scoped key never learns that another team's task exists.
/// </summary>
public sealed class RequestScope
{
    private static readonly RequestScope Unscoped = new(null);

    private readonly ApiKey? _key;

    private RequestScope(ApiKey? key) => _key = key;

    public KeyScopes Scopes => _key?.Scopes ?? KeyScopes.Unscoped;

    public bool IsUnscoped => Scopes.IsUnscoped;

    public static RequestScope Of(HttpContext context) =>
        ApiKeyAuthentication.KeyOf(context.User) is { Scopes.IsUnscoped: false } key ? new RequestScope(key) : Unscoped;

    /// <summary>Minimal APIs bind an endpoint parameter of this type with it.</summary>
    public static ValueTask<RequestScope?> BindAsync(HttpContext context) => ValueTask.FromResult<RequestScope?>(Of(context));

    /// <summary>
    /// Refuses (403) a task name the key may not use; <paramref name="field"/> says where the request has it. An
    /// invalid name passes: the task's validation refuses it with a 400 that says what is wrong with it.
    /// </summary>
    public void RequireTaskName(string? name, string field = "name")
    {
        if (name is not null && TaskName.Check(name) is null && !Scopes.Tasks.Matches(name))
        {
            throw Outside(field, name, "task names", Scopes.Tasks);
        }
    }

    /// <summary>Refuses (403) a consumer group the key may not use; returns it.</summary>
    public string RequireGroup(string group, string field = "group") =>
        Scopes.Groups.Matches(group) ? group : throw Outside(field, group, "consumer groups", Scopes.Groups);

    /// <summary>
    /// The subscription a group of this key gets for <paramref name="tags"/>: <c>*</c> becomes the key's own task names
    /// (<c>billing.*</c>), and any other tag or pattern must lie within them (403 naming the first that does not).
    /// </summary>
    public TagFilter Narrow(TagFilter tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        if (Scopes.Tasks.IsEverything)
        {
            return tags;
        }

        var narrowed = tags.NarrowedTo(Scopes.Tasks.Patterns);
        var outside = narrowed.Patterns.Count == 0 ? tags.Expression : narrowed.Patterns.FirstOrDefault(p => !Scopes.Tasks.Covers(p))?.ToString();
        return outside is null ? narrowed : throw Outside("tags", outside, "task names", Scopes.Tasks);
    }

    /// <summary>Whether the key may see this task (a task outside the scope is answered as missing).</summary>
    public bool Sees(ScheduledTask task) => Scopes.Tasks.Matches(task.Name);

    /// <summary>The task with this id, when there is one and the key may see it.</summary>
    public async Task<ScheduledTask?> FindAsync(ITaskReader reader, string id, CancellationToken cancellationToken) =>
        await reader.GetAsync(id, cancellationToken) is { } task && Sees(task) ? task : null;

    /// <summary>
    /// The ids of tasks the key may see, in the order given; every id when the key is unscoped. Ids of tasks outside
    /// the scope drop out as missing ones do (a task's name never changes, so the check holds for what follows).
    /// </summary>
    public async Task<IReadOnlyList<string>> VisibleAsync(IReadOnlyList<string> ids, ITaskReader reader, CancellationToken cancellationToken)
    {
        if (IsUnscoped)
        {
            return ids;
        }

        var visible = new List<string>(ids.Count);
        foreach (var id in ids)
        {
            if (await FindAsync(reader, id, cancellationToken) is not null)
            {
                visible.Add(id);
            }
        }

        return visible;
    }

    private ApiException Outside(string field, string value, string what, NameScope scope) =>
        new(StatusCodes.Status403Forbidden,
            $"{field} '{value}' is outside the {what} the API key '{_key?.Name}' may use ({(scope.Patterns.Count == 0 ? "none" : scope)})");
}
