using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using TaskCenter.Cli.Tests.Support;
using TaskCenter.Client;

namespace TaskCenter.Cli.Tests;

/// <summary>Ctrl+C (SIGINT) and SIGTERM sent to the CLI as a real process.</summary>
public sealed class StopSignalTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Tail_stops_cleanly_with_exit_code_0_having_acked_what_it_printed(string signal)
    {
        var tag = Unique.Name("tail-signal");
        var group = Unique.Name("tail-signal-group");
        Assert.Empty(await fixture.Client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = tag })); // subscribed before the fire
        await using var tail = CliProcess.Start("--server", fixture.Server.BaseAddress.ToString(), "tail", tag, "--group", group, "--json");
        await fixture.Client.AddTaskAsync(NewTask.Once(tag, "signalled"));
        var message = JsonDocument.Parse(await tail.NextLineAsync()).RootElement;

        var exitCode = await tail.SignalAsync(signal);

        Assert.True(exitCode == 0, $"exit code {exitCode}, stderr: {tail.Stderr}");
        Assert.Equal("signalled", message.GetProperty("data").GetString());
        Assert.Empty(await fixture.Client.AckAsync(group, [message.GetProperty("msgid").GetString()!])); // tail acked it
    }

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)]
    public async Task Another_command_stops_with_128_plus_the_signals_number(string signal, int expectedExitCode)
    {
        using var silentServer = new TcpListener(IPAddress.Loopback, 0); // takes connections, never answers
        silentServer.Start();
        var port = ((IPEndPoint)silentServer.LocalEndpoint).Port;
        await using var get = CliProcess.Start("--server", $"http://127.0.0.1:{port}", "get", "6b07577038d9980270592e13");
        using var request = await silentServer.AcceptTcpClientAsync().OrTimeout(); // get waits for its answer

        var exitCode = await get.SignalAsync(signal);

        Assert.Equal(expectedExitCode, exitCode);
        Assert.Contains("error: interrupted", get.Stderr, StringComparison.Ordinal);
    }
}
