using System.Globalization;
using Spectre.Console;
using TaskCenter.Client;

namespace TaskCenter.Cli.Output;

/// <summary>Tasks for people: one task as a field/value table, several as one row each.</summary>
internal static class TaskTables
{
    public static Table One(TaskInfo task)
    {
        var table = new Table().AddColumn("field").AddColumn("value");
        void Row(string field, string value) => table.AddRow(new Text(field), new Text(value));
        Row("taskid", task.Id);
        Row("name", task.Name);
        Row("type", TypeText(task.Type));
        Row("schedule", Schedule(task));
        Row("state", StateText(task.State));
        Row("fired", task.FiredCount.ToString(CultureInfo.InvariantCulture));
        Row("next fire", TimeText.LocalAndUtc(task.NextFireAt));
        Row("start", TimeText.LocalAndUtc(task.StartTime));
        Row("end", TimeText.LocalAndUtc(task.EndTime));
        Row("created", TimeText.LocalAndUtc(task.CreatedAt));
        Row("max runtime", task.MaxRuntime is { } maxRuntime ? $"{maxRuntime.TotalSeconds} s" : "-");
        Row("ack", task.Ack ? "explicit" : "automatic");
        Row("data", task.Data);
        return table;
    }

    public static Table Many(IEnumerable<TaskInfo> tasks)
    {
        var local = !TimeText.LocalIsUtc;
        var table = new Table()
            .AddColumn("taskid").AddColumn("name").AddColumn("type").AddColumn("schedule").AddColumn("state").AddColumn("fired");
        if (local)
        {
            table.AddColumn("next fire (local)");
        }

        table.AddColumn("next fire (UTC)");
        foreach (var task in tasks)
        {
            List<Text> row =
            [
                new(task.Id), new(task.Name), new(TypeText(task.Type)), new(Schedule(task)), new(StateText(task.State)),
                new(task.FiredCount.ToString(CultureInfo.InvariantCulture)),
            ];
            if (local)
            {
                row.Add(new(task.NextFireAt is { } next ? TimeText.Local(next) : "-"));
            }

            row.Add(new(task.NextFireAt is { } nextUtc ? TimeText.Utc(nextUtc) : "-"));
            table.AddRow(row);
        }

        return table;
    }

    private static string TypeText(TaskType type) => type switch
    {
        TaskType.OneShot => "once",
        TaskType.Interval => "interval",
        TaskType.Cron => "cron",
        _ => type.ToString(),
    };

    private static string StateText(TaskState state) => state.ToString().ToLowerInvariant();

    private static string Schedule(TaskInfo task)
    {
        var schedule = task.Type switch
        {
            TaskType.Interval => $"every {task.LoopTime?.TotalSeconds ?? 0} s",
            TaskType.Cron => $"{task.Crontab} ({task.TimeZone ?? "UTC"})",
            _ => "once",
        };
        return task.LoopCount > 0 ? $"{schedule}, at most {task.LoopCount}×" : schedule;
    }
}
