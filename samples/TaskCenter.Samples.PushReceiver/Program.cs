// A receiver of a TaskCenter push group: prints each message the server pushes, and fails the first N requests (answers
// 500) so the server's retries can be watched. The group's secret comes from TASKCENTER_WEBHOOK_SECRET.
//
//   curl -X PUT http://127.0.0.1:8081/v1/api/groups/invoices -H 'Content-Type: application/json' \
//        -d '{"tags": "invoice", "push": {"url": "http://127.0.0.1:5080/hooks/invoice"}}'     (the answer holds the secret)
//   TASKCENTER_WEBHOOK_SECRET=whsec_... dotnet run --project samples/TaskCenter.Samples.PushReceiver -- --fail 2
//
// --urls http://127.0.0.1:PORT listens elsewhere than http://127.0.0.1:5080.
using TaskCenter.Client.AspNetCore;

var secret = Environment.GetEnvironmentVariable("TASKCENTER_WEBHOOK_SECRET");
if (string.IsNullOrEmpty(secret))
{
    Console.Error.WriteLine("Set TASKCENTER_WEBHOOK_SECRET to the push group's secret (whsec_...).");
    return 2;
}

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddFilter("Microsoft", LogLevel.Warning); // the messages and failures only
builder.WebHost.UseUrls(builder.Configuration["urls"] ?? "http://127.0.0.1:5080");
var failures = builder.Configuration.GetValue<int>("fail");
var app = builder.Build();
app.MapTaskCenterWebhook("/hooks/invoice", secret, (message, _) =>
{
    var failing = Interlocked.Decrement(ref failures) >= 0;
    Console.WriteLine($"{message.MsgId} {message.Name} attempt {message.Attempt}{(failing ? " (failing it)" : "")}: {message.Data}");
    return failing ? throw new InvalidOperationException("Failing on purpose (--fail).") : Task.CompletedTask;
});

await app.StartAsync();
Console.WriteLine($"Receiving pushes at {app.Urls.First()}/hooks/invoice");
await app.WaitForShutdownAsync();
return 0;
