using System.Net;
using TaskCenter.Client.Tests.Support;
using TaskCenter.Client.Webhooks;
using TaskCenter.Contracts;

namespace TaskCenter.Client.Tests.Client;

/// <summary>Declaring a group with the SDK (<c>PUT</c> and <c>GET /v1/api/groups/{group}</c>), a push group above all, against a real server.</summary>
public sealed class GroupDeclarationClientTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    private static readonly Uri Target = new("http://127.0.0.1:5080/hooks/invoice");

    private TaskCenterClient Client => fixture.Client;

    [Fact]
    public async Task A_push_group_is_declared_with_every_field_and_its_generated_secret_is_returned_once()
    {
        var (group, tags) = (Unique.Name("push"), Tags());
        var before = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()); // the wire's precision

        var declared = await Client.PutGroupAsync(group, new GroupDeclaration
        {
            Tags = tags,
            Push = new PushTarget
            {
                Url = Target, ContentType = "application/json; charset=utf-8", Timeout = TimeSpan.FromSeconds(15), MaxConcurrency = 4,
                Headers = new Dictionary<string, string> { ["X-Team"] = "billing" },
            },
        });

        Assert.Equal(group, declared.Group);
        Assert.Equal(tags, declared.Tags);
        Assert.Null(declared.Owner);
        Assert.InRange(declared.UpdatedAt, before, DateTimeOffset.UtcNow);
        var push = declared.Push!;
        Assert.Equal(Target, push.Url);
        Assert.Equal("application/json; charset=utf-8", push.ContentType);
        Assert.Equal(TimeSpan.FromSeconds(15), push.Timeout);
        Assert.Equal(4, push.MaxConcurrency);
        Assert.Equal(new Dictionary<string, string> { ["X-Team"] = "billing" }, push.Headers);
        Assert.StartsWith("whsec_", push.Secret, StringComparison.Ordinal);
        _ = new WebhookVerifier(push.Secret!); // a secret the SDK's verifier takes
        Assert.Equal(CircuitState.Closed, push.Circuit);
        Assert.Null(push.LastError);

        var read = await Client.GetGroupAsync(group);
        Assert.Equal(declared with { Push = push with { Secret = null, Headers = read!.Push!.Headers } }, read);
        Assert.Equal(push.Headers, read.Push.Headers);
    }

    [Fact]
    public async Task The_servers_defaults_fill_what_is_not_set_and_a_secret_given_is_never_returned()
    {
        var group = Unique.Name("push-defaults");
        var secret = WebhookSignature.NewSecret();

        var declared = await Client.PutGroupAsync(group, new GroupDeclaration { Tags = Tags(), Push = new PushTarget { Url = Target, Secret = secret } });

        var push = declared.Push!;
        Assert.Equal("application/json", push.ContentType);
        Assert.Equal(TimeSpan.FromSeconds(10), push.Timeout);
        Assert.Equal(16, push.MaxConcurrency);
        Assert.Empty(push.Headers);
        Assert.Null(push.Secret);
        Assert.Null((await Client.GetGroupAsync(group))!.Push!.Secret);
    }

    [Fact]
    public async Task Declaring_again_changes_the_group_and_without_push_it_is_a_group_whose_consumers_pull()
    {
        var group = Unique.Name("push-then-pull");
        await Client.PutGroupAsync(group, new GroupDeclaration { Tags = Tags(), Push = new PushTarget { Url = Target } });
        var tags = Tags();

        var changed = await Client.PutGroupAsync(group, new GroupDeclaration { Tags = tags });

        Assert.Equal(tags, changed.Tags);
        Assert.Null(changed.Push);
        Assert.Null((await Client.GetGroupAsync(group))!.Push);
    }

    [Fact]
    public async Task An_undeclared_group_is_null_and_a_target_the_server_refuses_is_a_400_naming_the_url()
    {
        Assert.Null(await Client.GetGroupAsync(Unique.Name("never-declared")));

        var group = Unique.Name("push-refused");
        var error = await Assert.ThrowsAsync<TaskCenterApiException>(() => Client.PutGroupAsync(
            group, new GroupDeclaration { Tags = Tags(), Push = new PushTarget { Url = new Uri("http://192.0.2.1/hooks") } }));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Contains("url", error.Msg, StringComparison.Ordinal);
        Assert.Null(await Client.GetGroupAsync(group));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.GetGroupAsync(""));
    }

    /// <summary>Two tags no other test uses, in canonical order (sorted).</summary>
    private static string Tags() => $"{Unique.Name("invoice")} || {Unique.Name("refund")}";
}
