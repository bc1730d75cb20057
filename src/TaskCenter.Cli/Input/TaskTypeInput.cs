using TaskCenter.Client;

namespace TaskCenter.Cli.Input;

/// <summary>Reads a task type: <c>once</c>, <c>interval</c>, <c>cron</c>, or the wire numbers 1, 2, 3.</summary>
internal static class TaskTypeInput
{
    public const string Choices = "once|interval|cron (or 1|2|3)";

    public static TaskType Parse(string text) => text.Trim().ToUpperInvariant() switch
    {
        "ONCE" or "ONE-SHOT" or "ONESHOT" or "1" => TaskType.OneShot,
        "INTERVAL" or "2" => TaskType.Interval,
        "CRON" or "CRONTAB" or "3" => TaskType.Cron,
        _ => throw CliException.Usage($"--type: '{text}' is not one of {Choices}"),
    };

    /// <summary>Without --type, the schedule options say which it is.</summary>
    public static TaskType Infer(string? crontab, long? loopTimeSeconds) =>
        crontab is not null ? TaskType.Cron : loopTimeSeconds is not null ? TaskType.Interval : TaskType.OneShot;
}
