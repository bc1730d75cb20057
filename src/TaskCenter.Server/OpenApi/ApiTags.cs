namespace TaskCenter.Server.OpenApi;

/// <summary>A section of the API reference: one resource's operations, under a readable name.</summary>
public sealed record ApiTag(string Name, string Description);

/// <summary>The API reference's sections, in the order it lists them; every operation is in one of them.</summary>
public static class ApiTags
{
    public static readonly ApiTag Tasks = new("Tasks", "The original API's task calls: add a task, delete one by id or name, look one up.");

    public static readonly ApiTag TaskManagement = new(
        "Task management", "Tasks as resources: list and page, change, pause, resume, trigger now, delete; upcoming fires and fire history; add a batch.");

    public static readonly ApiTag Queue = new("Queue", "Consumers of the built-in queue: take a group's messages, acknowledge them or report a failure.");

    public static readonly ApiTag Groups = new("Groups", "The consumer groups of the built-in queue: list them, delete one with its messages.");

    public static readonly ApiTag DeadLetters = new("Dead letters", "Messages that used up their attempts: list a group's, deliver them again or purge them.");

    public static readonly ApiTag Crontab = new("Crontab", "Check a crontab expression: its next fire times in a time zone.");

    public static readonly ApiTag Operations = new("Operations", "The state of the service: the dashboard's overview and the fires of this minute per task name.");

    public static readonly IReadOnlyList<ApiTag> All = [Tasks, TaskManagement, Queue, Groups, DeadLetters, Crontab, Operations];

    /// <summary>The endpoints mapped on the returned group are listed under <paramref name="tag"/>.</summary>
    public static RouteGroupBuilder Tagged(this RouteGroupBuilder api, ApiTag tag) => api.MapGroup("").WithTags(tag.Name);
}
