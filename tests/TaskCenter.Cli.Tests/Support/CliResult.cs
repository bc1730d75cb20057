using System.Text.Json;

namespace TaskCenter.Cli.Tests.Support;

/// <summary>What one run of the CLI left: its exit code and everything it wrote to stdout and stderr.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Stdout parsed as the one JSON document it must be with --json (parsing fails on anything else there).</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Stdout);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts a successful run and returns its JSON document.</summary>
    public JsonElement SuccessJson()
    {
        Assert.True(ExitCode == 0, $"exit code {ExitCode}, stderr: {Stderr}");
        return Json();
    }
}
