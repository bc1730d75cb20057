using TaskCenter.Cli.Tests.Support;
using TaskCenter.Client;

namespace TaskCenter.Cli.Tests;

public sealed class DlqTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    [Fact]
    public async Task Dead_letters_are_listed_redriven_and_purged()
    {
        var group = Unique.Name("dlq");
        var tag = Unique.Name("dlq-tag");
        var toRedrive = await fixture.MakeDeadLetterAsync(group, tag, "redrive me");
        var toPurge = await fixture.MakeDeadLetterAsync(group, tag, "purge me");

        var listed = (await fixture.RunAsync("dlq", "list", "--group", group, "--json")).SuccessJson();
        var letters = listed.GetProperty("dead_letters").EnumerateArray().ToList();
        Assert.Equal(
            new[] { toPurge, toRedrive }.Order(StringComparer.Ordinal),
            letters.Select(l => l.GetProperty("msgid").GetString()).Order(StringComparer.Ordinal));
        Assert.All(letters, letter => Assert.Equal("failed on purpose", letter.GetProperty("last_error").GetString()));
        Assert.All(letters, letter => Assert.Equal(CliServerFixture.Attempts, letter.GetProperty("attempts").GetInt32()));

        var redriven = (await fixture.RunAsync("dlq", "redrive", "--group", group, toRedrive, "--json")).SuccessJson();
        Assert.Equal([toRedrive], redriven.GetProperty("msgids").EnumerateArray().Select(id => id.GetString()));
        var again = Assert.Single(await fixture.Client.ConsumeAsync(
            new ConsumeRequest { Group = group, Tags = tag, WaitTime = TimeSpan.FromSeconds(10) }));
        Assert.Equal((toRedrive, 1), (again.MsgId, again.Attempt));
        Assert.Equal([toRedrive], await fixture.Client.AckAsync(group, [toRedrive]));

        var purged = (await fixture.RunAsync("dlq", "purge", "--group", group, "--yes", "--json")).SuccessJson();
        Assert.Equal([toPurge], purged.GetProperty("msgids").EnumerateArray().Select(id => id.GetString()));

        var empty = await fixture.RunAsync("dlq", "list", "--group", group);
        Assert.Equal((0, "no dead letters"), (empty.ExitCode, empty.Stdout.Trim()));
    }

    [Fact]
    public async Task Purge_without_yes_keeps_the_dead_letters_when_not_confirmed()
    {
        var group = Unique.Name("dlq-keep");
        var msgId = await fixture.MakeDeadLetterAsync(group, Unique.Name("dlq-keep-tag"), "keep me");

        var declined = await fixture.RunAsync("dlq", "purge", "--group", group, msgId);

        Assert.Equal(1, declined.ExitCode);
        Assert.Contains("not confirmed", declined.Stderr, StringComparison.Ordinal);
        Assert.Equal([msgId], (await fixture.Client.GetDeadLettersAsync(group)).Select(letter => letter.MsgId));
    }
}
