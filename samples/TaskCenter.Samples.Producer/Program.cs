// Adds a task to TaskCenter and shows it as the server stores it.
//
//   dotnet run --project samples/TaskCenter.Samples.Producer -- --name demo --data hello --in 5
//   dotnet run --project samples/TaskCenter.Samples.Producer -- --name demo --data hello --every 10 --count 3
//   dotnet run --project samples/TaskCenter.Samples.Producer -- --name demo --data fail --cron "*/1 * * * *" --tz Europe/Berlin
//
// Options: --server (default http://127.0.0.1:8081), --api-key, --name (default sample), --data (default hello),
// then one of --in SECONDS (one-shot, the default: 5), --every SECONDS [--count N], --cron EXPR [--tz ZONE].
using System.Globalization;
using TaskCenter.Client;

var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal))
    {
        Console.Error.WriteLine($"Unexpected argument '{args[i]}'; options are written --name value.");
        return 2;
    }

    arguments[args[i][2..]] = args[i + 1];
}

string Arg(string name, string fallback) => arguments.TryGetValue(name, out var value) ? value : fallback;
int IntArg(string name, int fallback) => int.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var name = Arg("name", "sample");
var data = Arg("data", "hello");
NewTask task;
if (arguments.TryGetValue("cron", out var cron))
{
    task = NewTask.Cron(name, data, cron, arguments.GetValueOrDefault("tz"));
}
else if (arguments.ContainsKey("every"))
{
    task = NewTask.Every(name, data, TimeSpan.FromSeconds(IntArg("every", 10))) with { LoopCount = IntArg("count", 0) };
}
else
{
    task = NewTask.Once(name, data, DateTimeOffset.UtcNow.AddSeconds(IntArg("in", 5)));
}

using var client = new TaskCenterClient(new TaskCenterClientOptions
{
    BaseAddress = new Uri(Arg("server", "http://127.0.0.1:8081")),
    ApiKey = arguments.GetValueOrDefault("api-key"),
});

try
{
    var added = await client.AddTaskAsync(task);
    Console.WriteLine($"added task {added.TaskId} ({added.Name})");

    var stored = await client.GetTaskAsync(added.TaskId);
    Console.WriteLine(stored is null
        ? "the task is already gone"
        : $"state={stored.State} type={stored.Type} next_fire_at={stored.NextFireAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-"}");

    if (task.Type == TaskType.Cron)
    {
        var next = await client.GetCrontabNextAsync(task.Crontab!, task.TimeZone, count: 3);
        Console.WriteLine("next fires: " + string.Join(", ", next.Times.Select(t => t.ToString("u", CultureInfo.InvariantCulture))));
    }

    return 0;
}
catch (TaskCenterApiException ex)
{
    Console.Error.WriteLine($"TaskCenter refused: {ex.Msg} (HTTP {(int)ex.StatusCode})");
    return 1;
}
catch (HttpRequestException ex)
{
    Console.Error.WriteLine($"Cannot reach TaskCenter: {ex.Message}");
    return 1;
}
