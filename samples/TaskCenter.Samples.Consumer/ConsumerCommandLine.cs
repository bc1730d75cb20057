using System.CommandLine;
using System.CommandLine.Parsing;

namespace TaskCenter.Samples.Consumer;

/// <summary>The sample's options; the server and the API key also come from TASKCENTER_SERVER and TASKCENTER_API_KEY, as for the CLI.</summary>
internal sealed class ConsumerCommandLine
{
    public Option<Uri?> Server { get; } = Address(
        "--server", "The TaskCenter server whose built-in queue to consume (env TASKCENTER_SERVER, default http://127.0.0.1:8081)",
        () => Environment.GetEnvironmentVariable("TASKCENTER_SERVER") is { Length: > 0 } server ? server : "http://127.0.0.1:8081",
        "http", "https");

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "An API key of role consumer, sent as a Bearer token (env TASKCENTER_API_KEY)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TASKCENTER_API_KEY"),
    };

    public Option<string> Group { get; } = new("--group") { Description = "The consumer group to join", DefaultValueFactory = _ => "sample" };

    public Option<string> Tags { get; } = new("--tags")
    {
        Description = "The tags (task names) to handle: \"a || b\", a prefix \"billing.*\" (not with --rabbitmq), or \"*\"",
        DefaultValueFactory = _ => "*",
    };

    public Option<int> Concurrency { get; } = new("--concurrency") { Description = "Handlers running at once", DefaultValueFactory = _ => 8 };

    public Option<Uri?> RabbitMq { get; } = Address(
        "--rabbitmq",
        "Read the group's queue straight from RabbitMQ (amqp://user:password@host:5672/vhost), for a server with Delivery:Transport=RabbitMq; --server and --api-key are then not used",
        defaultText: null, "amqp", "amqps");

    public RootCommand Command(string description) => new(description) { Server, ApiKey, Group, Tags, Concurrency, RabbitMq };

    private static Option<Uri?> Address(string name, string description, Func<string?>? defaultText, params string[] schemes)
    {
        var option = new Option<Uri?>(name) { Description = description, CustomParser = result => Parse(result.Tokens[0].Value, result) };
        if (defaultText is not null)
        {
            option.DefaultValueFactory = result => defaultText() is { } text ? Parse(text, result) : null;
        }

        return option;

        Uri? Parse(string text, ArgumentResult result)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var address) && schemes.Contains(address.Scheme))
            {
                return address;
            }

            result.AddError($"{name} must be an {string.Join(" or ", schemes)} address, got '{text}'");
            return null;
        }
    }
}
