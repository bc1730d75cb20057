// A TaskCenter consumer: prints every message it receives and fails those whose data contains "fail", so the retry
// can be watched. Ctrl+C stops it gracefully (in-flight handlers finish and are acknowledged).
//
//   dotnet run --project samples/TaskCenter.Samples.Consumer -- --server http://127.0.0.1:8081 --group sample --tags "*"
//
// Options (all optional): --server (default http://127.0.0.1:8081), --group (default sample), --tags (default *),
// --api-key, --concurrency (default 8), --rabbitmq amqp://user:password@host:5672/ (read the group's queue straight
// from RabbitMQ, for a server running with Delivery:Transport=RabbitMq; the handler stays the same).
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using TaskCenter.Client;
using TaskCenter.Client.RabbitMq;
using TaskCenter.Samples.Consumer;

var builder = Host.CreateApplicationBuilder(args);
var settings = builder.Configuration;

builder.Services.AddTaskCenterConsumer(
    options =>
    {
        options.BaseAddress = new Uri(settings["server"] ?? "http://127.0.0.1:8081");
        options.Group = settings["group"] ?? "sample";
        options.ApiKey = settings["api-key"];
        options.MaxConcurrency = int.Parse(settings["concurrency"] ?? "8", CultureInfo.InvariantCulture);
        if (settings["rabbitmq"] is { Length: > 0 } broker)
        {
            options.UseRabbitMq(new Uri(broker));
        }
    },
    handlers => handlers.Handle<PrintingHandler>(settings["tags"] ?? "*"));

using var host = builder.Build();
await host.RunAsync();
