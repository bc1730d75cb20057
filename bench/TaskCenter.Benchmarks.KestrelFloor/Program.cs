using System.Text.Json;
using TaskCenter.Contracts;

// The floor of TaskCenter's HTTP add on this machine: Kestrel with the same JSON in and out (the contract's
// source-generated serializer), and nothing else: no storage, validation, authentication or rate limiting.
// `dotnet TaskCenter.Benchmarks.KestrelFloor.dll --urls http://127.0.0.1:0`; it prints the address it listens on.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Information);
var app = builder.Build();

long added = 0;
app.MapPost("/v1/api/task", async (HttpRequest request, CancellationToken ct) =>
{
    var task = await JsonSerializer.DeserializeAsync(request.Body, WireJsonContext.Default.AddTaskRequest, ct);
    if (task?.Name is not { } name)
    {
        return Results.BadRequest();
    }

    var id = Interlocked.Increment(ref added).ToString("x24", System.Globalization.CultureInfo.InvariantCulture);
    return Results.Json(new AddTaskResponse(id, name), WireJsonContext.Default.AddTaskResponse);
});

app.Run();
