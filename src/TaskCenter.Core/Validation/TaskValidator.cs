using System.Text;
using Microsoft.Extensions.Options;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Scheduling;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Validation;

/// <summary>
/// Turns a submission into a task ready to store, or names the first field that is wrong. A task that could
/// never fire (a crontab with no future time, an end_time before the first fire) is refused rather than stored.
/// </summary>
public sealed class TaskValidator(IOptions<TaskValidationOptions> options, TimeProvider time, TaskIdGenerator ids)
{
    private readonly TaskValidationOptions _options = options.Value;

    public (ScheduledTask? Task, FieldError? Error) Validate(TaskSubmission submission)
    {
        var now = time.GetUtcNow();
        if (CheckFields(submission, now) is { } error)
        {
            return (null, error);
        }

        var task = WithDefinition(
            new ScheduledTask
            {
                Id = ids.NewId(),
                Name = submission.Name!,
                Type = (TaskType)submission.Type!.Value,
                Data = submission.Data!,
                CreatedAt = UnixSeconds.Truncate(now),
            },
            submission);

        if (FirePlanner.FirstFire(task, now) is not { } first)
        {
            return (null, task.EndTime is null
                ? new FieldError("crontab", "never fires in the future")
                : new FieldError("end_time", "is before the task's first fire; it would never fire"));
        }

        return (task with { NextFireAt = first }, null);
    }

    /// <summary>
    /// <paramref name="existing"/> with <paramref name="change"/>'s given fields applied (name and type stay: they are
    /// what the task is; a start_time or end_time of 0 removes it), checked as a new task's fields are; or the first
    /// field that is wrong. Only the definition changes here: its state and next fire are the caller's to set.
    /// </summary>
    public (ScheduledTask? Task, FieldError? Error) ValidateChange(ScheduledTask existing, TaskSubmission change)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(change);
        var merged = new TaskSubmission
        {
            Name = existing.Name,
            Type = (long)existing.Type,
            Data = change.Data ?? existing.Data,
            Crontab = change.Crontab ?? existing.Crontab,
            LoopTime = change.LoopTime ?? UnixSeconds.Of(existing.LoopTime),
            LoopCount = change.LoopCount ?? existing.LoopCount,
            StartTime = change.StartTime ?? UnixSeconds.Of(existing.StartTime),
            EndTime = change.EndTime ?? UnixSeconds.Of(existing.EndTime),
            MaxRuntime = change.MaxRuntime ?? UnixSeconds.Of(existing.MaxRuntime),
            Ack = change.Ack ?? existing.Ack,
            TimeZone = change.TimeZone ?? existing.TimeZone,
        };
        if (CheckFields(merged, time.GetUtcNow()) is { } error)
        {
            return (null, error);
        }

        return (WithDefinition(existing, merged), null);
    }

    /// <summary>
    /// <paramref name="task"/> with the definition of a checked submission: unset fields take their defaults, and its
    /// unix seconds become the model's times (a start_time or end_time of 0 is none).
    /// </summary>
    private static ScheduledTask WithDefinition(ScheduledTask task, TaskSubmission s) => task with
    {
        Data = s.Data!,
        Crontab = s.Crontab ?? "",
        LoopTime = TimeSpan.FromSeconds(s.LoopTime ?? 0),
        LoopCount = s.LoopCount ?? 0,
        StartTime = UnixSeconds.ToTime(s.StartTime is > 0 ? s.StartTime : null),
        EndTime = UnixSeconds.ToTime(s.EndTime is > 0 ? s.EndTime : null),
        MaxRuntime = TimeSpan.FromSeconds(s.MaxRuntime ?? 0),
        Ack = s.Ack ?? false,
        TimeZone = s.TimeZone ?? "UTC",
    };

    private FieldError? CheckFields(TaskSubmission s, DateTimeOffset now)
    {
        if (s.Name is null)
        {
            return new FieldError("name", "is required");
        }

        if (TaskName.Check(s.Name) is { } nameProblem)
        {
            return new FieldError("name", nameProblem);
        }

        if (s.Type is null)
        {
            return new FieldError("type", "is required (1 one-shot, 2 interval, 3 crontab)");
        }

        if (s.Type is not (1 or 2 or 3))
        {
            return new FieldError("type", $"must be 1 (one-shot), 2 (interval) or 3 (crontab), not {s.Type}");
        }

        if (s.Data is null)
        {
            return new FieldError("data", "is required");
        }

        var dataBytes = Encoding.UTF8.GetByteCount(s.Data);
        if (dataBytes > _options.MaxDataBytes)
        {
            return new FieldError("data", $"is {dataBytes} bytes; at most {_options.MaxDataBytes} are accepted", TooLarge: true);
        }

        return CheckNumbers(s, now) ?? CheckSchedule(s);
    }

    private FieldError? CheckNumbers(TaskSubmission s, DateTimeOffset now)
    {
        foreach (var (field, value) in new[]
                 {
                     ("loop_time", s.LoopTime), ("loop_count", s.LoopCount), ("start_time", s.StartTime),
                     ("end_time", s.EndTime), ("max_runtime", s.MaxRuntime),
                 })
        {
            if (value < 0)
            {
                return new FieldError(field, $"must not be negative, got {value}");
            }
        }

        if (s.MaxRuntime > _options.MaxRuntimeSeconds)
        {
            return new FieldError("max_runtime", $"must be at most {_options.MaxRuntimeSeconds} seconds");
        }

        // Beyond year 9999 DateTimeOffset cannot represent the time.
        const long maxUnixSeconds = 253_402_300_799;
        if (s.StartTime > maxUnixSeconds || s.EndTime > maxUnixSeconds)
        {
            return new FieldError(s.StartTime > maxUnixSeconds ? "start_time" : "end_time", "is beyond the year 9999");
        }

        if (s.EndTime is > 0 and var end)
        {
            if (end <= now.ToUnixTimeSeconds())
            {
                return new FieldError("end_time", "is in the past");
            }

            if (s.StartTime is > 0 and var start && end <= start)
            {
                return new FieldError("end_time", "must be after start_time");
            }
        }

        return null;
    }

    private static FieldError? CheckSchedule(TaskSubmission s)
    {
        if (s.TimeZone is not null && !TimeZones.TryFind(s.TimeZone, out _))
        {
            return new FieldError("timezone", $"'{s.TimeZone}' is not a known IANA time zone (e.g. UTC, Europe/Berlin)");
        }

        switch (s.Type)
        {
            case 2 when s.LoopTime is null or < 1:
                return new FieldError("loop_time", "must be at least 1 second for an interval task (type 2)");
            case 2 when s.LoopTime > 10L * 365 * 24 * 3600:
                return new FieldError("loop_time", "must be at most 10 years");
            case 3 when string.IsNullOrWhiteSpace(s.Crontab):
                return new FieldError("crontab", "is required for a crontab task (type 3)");
            case 3 when !Crontab.TryParse(s.Crontab, out _, out var cronError):
                return new FieldError("crontab", cronError);

            // A field of another type's schedule would be stored and shown but never used: refused, so what is stored
            // is what fires. Empty and 0 are what clients send for "not set" (the seed's clients send every field).
            case 1 or 2 when !string.IsNullOrEmpty(s.Crontab):
                return new FieldError("crontab", $"is for crontab tasks (type 3) only; this task is type {s.Type}");
            case 1 or 3 when s.LoopTime is > 0:
                return new FieldError("loop_time", $"is for interval tasks (type 2) only; this task is type {s.Type}");
            default:
                return null;
        }
    }
}
