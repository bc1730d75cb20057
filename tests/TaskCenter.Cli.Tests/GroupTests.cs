using TaskCenter.Cli.Tests.Support;
using TaskCenter.Client.Webhooks;

namespace TaskCenter.Cli.Tests;

public sealed class GroupTests(CliServerFixture fixture) : IClassFixture<CliServerFixture>
{
    private const string Target = "http://127.0.0.1:5080/hooks/cli";

    [Fact]
    public async Task Put_declares_a_push_group_and_shows_its_generated_secret_once_get_shows_it_and_delete_removes_it()
    {
        var group = Unique.Name("cli-push");
        var tag = Unique.Name("cli-push-tag");

        var put = await fixture.RunAsync(
            "group", "put", group, "--tags", tag, "--url", Target, "--timeout", "5", "--max-concurrency", "2",
            "--header", "X-Team=billing", "--header", "X-Env=a=b");

        Assert.True(put.ExitCode == 0, put.Stderr);
        var secretLine = Assert.Single(put.Stdout.Split('\n'), line => line.StartsWith("secret: ", StringComparison.Ordinal));
        var secret = secretLine["secret: ".Length..].Trim();
        _ = new WebhookVerifier(secret); // a usable Standard Webhooks secret, or this throws
        Assert.Contains("will not show it again", put.Stdout, StringComparison.Ordinal);
        Assert.Contains(Target, put.Stdout, StringComparison.Ordinal);

        var declared = await fixture.Client.GetGroupAsync(group);
        Assert.NotNull(declared?.Push);
        Assert.Equal((tag, new Uri(Target), TimeSpan.FromSeconds(5), 2), (declared.Tags, declared.Push.Url, declared.Push.Timeout, declared.Push.MaxConcurrency));
        Assert.Equal(new Dictionary<string, string> { ["X-Team"] = "billing", ["X-Env"] = "a=b" }, declared.Push.Headers);

        var shown = (await fixture.RunAsync("group", "get", group, "--json")).SuccessJson();
        var push = shown.GetProperty("push");
        Assert.Equal((group, tag), (shown.GetProperty("group").GetString(), shown.GetProperty("tags").GetString()));
        Assert.Equal((Target, 5000, 2, "closed"), (
            push.GetProperty("url").GetString(), push.GetProperty("timeout_ms").GetInt32(), push.GetProperty("max_concurrency").GetInt32(),
            push.GetProperty("circuit").GetString()));
        Assert.False(push.TryGetProperty("secret", out _));

        var text = await fixture.RunAsync("group", "get", group);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains(Target, text.Stdout, StringComparison.Ordinal);
        Assert.Contains("X-Team: billing", text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, text.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", text.Stdout, StringComparison.Ordinal);

        var deleted = (await fixture.RunAsync("group", "delete", group, "--yes", "--json")).SuccessJson();
        Assert.Equal((group, tag), (deleted.GetProperty("group").GetString(), deleted.GetProperty("subscription").GetString()));
        Assert.Null(await fixture.Client.GetGroupAsync(group));
        var gone = await fixture.RunAsync("group", "get", group);
        Assert.Equal((1, $"error: no consumer group {group}"), (gone.ExitCode, gone.Stderr.Trim()));
    }

    [Fact]
    public async Task A_secret_given_is_kept_and_not_printed_and_json_output_is_the_apis_answer()
    {
        var group = Unique.Name("cli-secret");
        var secret = WebhookSignatureSecret();

        var put = await fixture.RunAsync("group", "put", group, "--tags", "cli-secret-tag", "--url", Target, "--secret", secret, "--json");

        var answer = put.SuccessJson();
        Assert.Equal(Target, answer.GetProperty("push").GetProperty("url").GetString());
        Assert.False(answer.GetProperty("push").TryGetProperty("secret", out _));
        Assert.DoesNotContain(secret, put.Stdout + put.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("not show it again", put.Stderr, StringComparison.Ordinal);

        var generated = await fixture.RunAsync("group", "put", Unique.Name("cli-generated"), "--tags", "cli-generated-tag", "--url", Target, "--json");
        Assert.StartsWith("whsec_", generated.SuccessJson().GetProperty("push").GetProperty("secret").GetString(), StringComparison.Ordinal);
        Assert.Contains("will not show it again", generated.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pull_group_is_declared_without_url_and_push_options_without_url_are_refused()
    {
        var group = Unique.Name("cli-pull");

        var pull = (await fixture.RunAsync("group", "put", group, "--tags", "cli-pull-a || cli-pull-b", "--json")).SuccessJson();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, pull.GetProperty("push").ValueKind);
        Assert.Equal("cli-pull-a || cli-pull-b", (await fixture.Client.GetGroupAsync(group))?.Tags);

        var noUrl = await fixture.RunAsync("group", "put", group, "--tags", "x", "--timeout", "5");
        Assert.Equal(2, noUrl.ExitCode);
        Assert.Contains("--url", noUrl.Stderr, StringComparison.Ordinal);

        var badHeader = await fixture.RunAsync("group", "put", group, "--tags", "x", "--url", Target, "--header", "no-equals-sign");
        Assert.Equal(2, badHeader.ExitCode);
        Assert.Contains("Name=value", badHeader.Stderr, StringComparison.Ordinal);

        var notAllowed = await fixture.RunAsync("group", "put", group, "--tags", "x", "--url", "http://192.0.2.1/hooks");
        Assert.Equal(1, notAllowed.ExitCode);
        Assert.StartsWith("error: push.url", notAllowed.Stderr, StringComparison.Ordinal);

        var declined = await fixture.RunAsync("group", "delete", group);
        Assert.Equal(1, declined.ExitCode);
        Assert.Contains("not confirmed", declined.Stderr, StringComparison.Ordinal);
        Assert.NotNull(await fixture.Client.GetGroupAsync(group));

        var missing = await fixture.RunAsync("group", "delete", Unique.Name("cli-missing"), "--yes");
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("error: no consumer group", missing.Stderr, StringComparison.Ordinal);
    }

    private static string WebhookSignatureSecret() => "whsec_" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
}
