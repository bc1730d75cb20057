using System.Globalization;
using TaskCenter.Client;

namespace TaskCenter.Cli.Tests.Support;

/// <summary>
/// One real server per test class (Kestrel on loopback, SQLite, the built-in queue), the CLI pointed at it, and an SDK
/// client for arranging and checking what the CLI did. Retries are short: a message nacked <see cref="Attempts"/> times
/// is a dead letter within a second.
/// </summary>
public sealed class CliServerFixture : IAsyncLifetime
{
    public const int MaxRetries = 2;

    public const int Attempts = MaxRetries + 1;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    public RunningServer Server { get; private set; } = null!;

    public TaskCenterClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await RunningServer.StartAsync(new Dictionary<string, string?>
        {
            ["Queue:RetryDelays:0"] = RetryDelay.ToString(),
            ["Queue:RetryDelays:1"] = RetryDelay.ToString(),
            ["Queue:MaxRetries"] = MaxRetries.ToString(CultureInfo.InvariantCulture),
        });
        Client = new TaskCenterClient(new TaskCenterClientOptions { BaseAddress = Server.BaseAddress });
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>Runs <c>taskcenter</c> in-process against this server.</summary>
    public Task<CliResult> RunAsync(params string[] args) => CliRunner.RunAsync(["--server", Server.BaseAddress.ToString(), .. args]);

    /// <summary>Runs <c>taskcenter</c> in-process against this server, with <paramref name="stdin"/> as its standard input.</summary>
    public Task<CliResult> RunWithInputAsync(string stdin, params string[] args) =>
        CliRunner.RunAsync(["--server", Server.BaseAddress.ToString(), .. args], stdin);

    /// <summary>
    /// Makes one message of <paramref name="tag"/> a dead letter of <paramref name="group"/>: a one-shot task fires, and
    /// the group nacks each delivery until the server gives up on it. Returns its msgid.
    /// </summary>
    public async Task<string> MakeDeadLetterAsync(string group, string tag, string data)
    {
        Assert.Empty(await Client.ConsumeAsync(new ConsumeRequest { Group = group, Tags = tag }));
        await Client.AddTaskAsync(NewTask.Once(tag, data));
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var message = Assert.Single(await Client.ConsumeAsync(
                new ConsumeRequest { Group = group, Tags = tag, WaitTime = TimeSpan.FromSeconds(10) }));
            var result = await Client.NackAsync(group, message.MsgId, "failed on purpose");
            if (result.Result == NackResult.DeadLettered)
            {
                return message.MsgId;
            }
        }

        throw new InvalidOperationException($"the message was not dead after {Attempts} attempts");
    }
}
