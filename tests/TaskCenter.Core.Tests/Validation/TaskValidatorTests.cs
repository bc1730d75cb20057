using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using TaskCenter.Core.Tasks;
using TaskCenter.Core.Validation;

namespace TaskCenter.Core.Tests.Validation;

public class TaskValidatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
    private readonly TaskValidator _validator;

    public TaskValidatorTests()
    {
        var time = new FakeTimeProvider(Now);
        _validator = new TaskValidator(Options.Create(new TaskValidationOptions { MaxDataBytes = 100 }), time, new TaskIdGenerator(time));
    }

    private static TaskSubmission OneShot => new() { Name = "report", Type = 1, Data = "{}" };

    private FieldError Refused(TaskSubmission submission)
    {
        var (task, error) = _validator.Validate(submission);
        Assert.Null(task);
        return Assert.IsType<FieldError>(error);
    }

    [Theory]
    [InlineData(null, "name", "is required")]
    [InlineData("", "name", "must not be empty")]
    [InlineData("a|b", "name", "'|'")]
    [InlineData("a*", "name", "'*'")]
    [InlineData("a#b", "name", "'#'")]
    [InlineData("a b", "name", "' '")]
    public void Name_rules(string? name, string field, string message)
    {
        var error = Refused(OneShot with { Name = name });
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report")]
    [InlineData("billing.invoice:v2")]
    [InlineData("a_b-c")]
    [InlineData("报表任务")]
    [InlineData("отчёт")]
    public void Names_of_letters_in_any_script_digits_and_separators_are_accepted(string name)
    {
        var (task, error) = _validator.Validate(OneShot with { Name = name });
        Assert.Null(error);
        Assert.Equal(name, task!.Name);
    }

    [Fact]
    public void Name_of_256_bytes_is_refused_and_255_accepted()
    {
        Assert.Null(_validator.Validate(OneShot with { Name = new string('a', 255) }).Error);
        Assert.Equal("name", Refused(OneShot with { Name = new string('a', 256) }).Field);
        // 'é' is two bytes in UTF-8: 128 of them are 256 bytes.
        Assert.Equal("name", Refused(OneShot with { Name = new string('é', 128) }).Field);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    [InlineData(4L)]
    [InlineData(-1L)]
    public void Type_must_be_1_2_or_3(long? type) => Assert.Equal("type", Refused(OneShot with { Type = type }).Field);

    [Fact]
    public void Data_is_required() => Assert.Equal("data", Refused(OneShot with { Data = null }).Field);

    [Fact]
    public void Data_over_the_limit_is_too_large()
    {
        var error = Refused(OneShot with { Data = new string('x', 101) });
        Assert.Equal("data", error.Field);
        Assert.True(error.TooLarge);
        Assert.Null(_validator.Validate(OneShot with { Data = new string('x', 100) }).Error);
    }

    [Fact]
    public void Empty_data_is_accepted() => Assert.Null(_validator.Validate(OneShot with { Data = "" }).Error);

    [Theory]
    [InlineData(null)]
    [InlineData(0L)]
    public void Interval_needs_loop_time_of_at_least_one_second(long? loopTime) =>
        Assert.Equal("loop_time", Refused(OneShot with { Type = 2, LoopTime = loopTime }).Field);

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("* * *", "")]
    [InlineData("0 0 30 2 *", "never fires")]
    public void Cron_needs_a_valid_crontab_that_fires_in_the_future(string? crontab, string message)
    {
        var error = Refused(OneShot with { Type = 3, Crontab = crontab });
        Assert.Equal("crontab", error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "garbage", null, "crontab", "is for crontab tasks (type 3) only; this task is type 1")]
    [InlineData(2, "0 9 * * *", 60L, "crontab", "is for crontab tasks (type 3) only; this task is type 2")]
    [InlineData(1, null, 60L, "loop_time", "is for interval tasks (type 2) only; this task is type 1")]
    [InlineData(3, "0 9 * * *", 60L, "loop_time", "is for interval tasks (type 2) only; this task is type 3")]
    public void A_field_of_another_types_schedule_is_refused(long type, string? crontab, long? loopTime, string field, string message)
    {
        var error = Refused(OneShot with { Type = type, Crontab = crontab, LoopTime = loopTime ?? (type == 2 ? 60 : null) });

        Assert.Equal((field, message), (error.Field, error.Message));
    }

    [Fact]
    public void Empty_and_zero_fields_of_other_schedules_mean_not_set() =>
        Assert.Null(_validator.Validate(OneShot with { Crontab = "", LoopTime = 0 }).Error);

    [Fact]
    public void End_time_in_the_past_is_refused() =>
        Assert.Equal("end_time", Refused(OneShot with { EndTime = Now.ToUnixTimeSeconds() - 1 }).Field);

    [Fact]
    public void End_time_not_after_start_time_is_refused()
    {
        var start = Now.ToUnixTimeSeconds() + 100;
        var error = Refused(OneShot with { StartTime = start, EndTime = start });
        Assert.Equal("end_time", error.Field);
        Assert.Contains("start_time", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void End_time_before_the_first_cron_fire_is_refused()
    {
        // Next 09:00 UTC is hours away; end_time is in a minute.
        var error = Refused(OneShot with { Type = 3, Crontab = "0 9 * * *", EndTime = Now.ToUnixTimeSeconds() + 60 });
        Assert.Equal("end_time", error.Field);
    }

    [Theory]
    [InlineData("loop_time")]
    [InlineData("loop_count")]
    [InlineData("start_time")]
    [InlineData("end_time")]
    [InlineData("max_runtime")]
    public void Negative_numbers_are_refused(string field)
    {
        var submission = field switch
        {
            "loop_time" => OneShot with { LoopTime = -1 },
            "loop_count" => OneShot with { LoopCount = -1 },
            "start_time" => OneShot with { StartTime = -1 },
            "end_time" => OneShot with { EndTime = -1 },
            _ => OneShot with { MaxRuntime = -1 },
        };
        Assert.Equal(field, Refused(submission).Field);
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("")]
    [InlineData("Not a zone")]
    public void Unknown_timezone_is_refused(string zone) =>
        Assert.Equal("timezone", Refused(OneShot with { Type = 3, Crontab = "0 9 * * *", TimeZone = zone }).Field);

    [Fact]
    public void A_valid_task_keeps_every_field_as_submitted_and_gets_its_first_fire()
    {
        var start = Now.ToUnixTimeSeconds() + 3600;
        var (task, error) = _validator.Validate(new TaskSubmission
        {
            Name = "report", Type = 2, Data = "payload", LoopTime = 30, LoopCount = 4, StartTime = start,
            EndTime = start + 86400, MaxRuntime = 120, Ack = true, TimeZone = "Europe/Berlin",
        });

        Assert.Null(error);
        Assert.NotNull(task);
        Assert.Matches("^[0-9a-f]{24}$", task.Id);
        Assert.Equal(("report", TaskType.Interval, "payload", TimeSpan.FromSeconds(30), 4L), (task.Name, task.Type, task.Data, task.LoopTime, task.LoopCount));
        Assert.Equal((start, start + 86400, TimeSpan.FromMinutes(2), true, "Europe/Berlin"), (task.StartTime!.Value.ToUnixTimeSeconds(), task.EndTime!.Value.ToUnixTimeSeconds(), task.MaxRuntime, task.Ack, task.TimeZone));
        Assert.Equal(UnixSeconds.Truncate(Now), task.CreatedAt);
        Assert.Equal(TaskState.Pending, task.State);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(start), task.NextFireAt);
    }

    [Fact]
    public void One_shot_without_start_time_is_due_now() =>
        Assert.Equal(Now, _validator.Validate(OneShot).Task!.NextFireAt);

    [Fact]
    public void One_shot_with_past_start_time_is_due_now() =>
        Assert.Equal(Now, _validator.Validate(OneShot with { StartTime = Now.ToUnixTimeSeconds() - 3600 }).Task!.NextFireAt);
}
