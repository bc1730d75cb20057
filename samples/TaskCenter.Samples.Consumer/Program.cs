// A TaskCenter consumer: prints every message it receives and fails those whose data contains "fail", so the retry
// can be watched. Ctrl+C stops it gracefully (in-flight handlers finish and are acknowledged). --help lists the options.
//
//   dotnet run --project samples/TaskCenter.Samples.Consumer -- --group sample --tags "*"
//   dotnet run --project samples/TaskCenter.Samples.Consumer -- --group billing --tags billing --rabbitmq amqp://user:password@host:5672/vhost
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using TaskCenter.Client.Consumer;
using TaskCenter.Client.Hosting;
using TaskCenter.Client.RabbitMq;
using TaskCenter.Samples.Consumer;

var options = new ConsumerCommandLine();
var command = options.Command("The TaskCenter sample consumer: prints each message and fails those whose data contains \"fail\", so the server retries them.");
command.SetAction(async (parsed, cancellationToken) =>
{
    var builder = Host.CreateApplicationBuilder();
    builder.Logging.ClearProviders()
        .AddConsole(console => console.FormatterName = OneLineConsoleFormatter.Name)
        .AddConsoleFormatter<OneLineConsoleFormatter, ConsoleFormatterOptions>();
    builder.Services.AddTaskCenterClient(client =>
    {
        client.BaseAddress = parsed.GetValue(options.Server)!;
        client.ApiKey = parsed.GetValue(options.ApiKey);
    });
    builder.Services.AddTaskCenterConsumer(
        consumer =>
        {
            consumer.Group = parsed.GetValue(options.Group)!;
            consumer.MaxConcurrency = parsed.GetValue(options.Concurrency);
            if (parsed.GetValue(options.RabbitMq) is { } broker)
            {
                consumer.UseRabbitMq(broker);
            }
        },
        handlers => handlers.Handle<PrintingHandler>(parsed.GetValue(options.Tags)!));

    try
    {
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
        return 0;
    }
    catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
    {
        // A setting the consumer refuses at start (an invalid group, a prefix over RabbitMQ): one line, not a stack trace.
        await Console.Error.WriteLineAsync($"error: {ex.Message}");
        return 2;
    }
});

var parseResult = command.Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors)
    {
        await Console.Error.WriteLineAsync($"error: {error.Message}");
    }

    await Console.Error.WriteLineAsync("Run with --help for the options.");
    return 2;
}

return await parseResult.InvokeAsync();
