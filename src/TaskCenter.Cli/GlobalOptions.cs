using System.CommandLine;
using TaskCenter.Client;

namespace TaskCenter.Cli;

/// <summary>The options every command takes: where the server is, the API key, and machine output.</summary>
internal sealed class GlobalOptions
{
    public const string DefaultServer = "http://127.0.0.1:8081";

    public Option<string> Server { get; } = new("--server")
    {
        Description = $"The TaskCenter server (env TASKCENTER_SERVER, default {DefaultServer})",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TASKCENTER_SERVER") is { Length: > 0 } fromEnvironment
            ? fromEnvironment
            : DefaultServer,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The API key, sent as a Bearer token (env TASKCENTER_API_KEY)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("TASKCENTER_API_KEY"),
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine output: one JSON document on stdout (tail: one JSON object per line)",
        Recursive = true,
    };

    public IEnumerable<Option> All => [Server, ApiKey, Json];

    public TaskCenterClient CreateClient(ParseResult parseResult)
    {
        var server = parseResult.GetValue(Server)!;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw CliException.Usage($"--server must be an http or https address, got '{server}'");
        }

        return new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = address, ApiKey = parseResult.GetValue(ApiKey) });
    }
}
