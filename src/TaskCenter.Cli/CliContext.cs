using System.CommandLine;
using TaskCenter.Client;
using TaskCenter.Cli.Output;

namespace TaskCenter.Cli;

/// <summary>What every command needs: the console, the global options, and a client built from them.</summary>
internal sealed class CliContext(CliConsole console, GlobalOptions options)
{
    public CliConsole Console { get; } = console;

    public GlobalOptions Options { get; } = options;

    public bool IsJson(ParseResult parseResult) => parseResult.GetValue(Options.Json);

    public TaskCenterClient CreateClient(ParseResult parseResult) => Options.CreateClient(parseResult);

    public void WriteJson<T>(T document) => JsonOutput.WriteDocument(Console.Out, document);
}
