using System.Net;
using System.Text.Json;
using TaskCenter.Server.Tests.Security;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Queue;

/// <summary>
/// The queue's limits (section Limits) over HTTP, each test on a server of its own: subscriptions (tags, length,
/// groups per server and per key), prefix subscriptions, the groups resource, and answers bounded in payload bytes.
/// </summary>
public abstract class QueueLimitTests(TestBackend backend)
{
    private Task<RunningServer> StartAsync(params (string Key, string Value)[] settings) =>
        RunningServer.StartAsync(settings.ToDictionary(s => s.Key, s => (string?)s.Value), backend: backend);

    [Fact]
    public async Task A_subscription_over_a_tag_limit_is_a_400_naming_the_limit_and_makes_no_group()
    {
        await using var server = await StartAsync(("Limits:MaxTagsPerSubscription", "3"), ("Limits:MaxTagExpressionLength", "40"));

        AssertError(
            await server.Http.PostJsonAsync("/v1/api/consume", Json(new { group = "g", tags = "a || b || c || d" })),
            HttpStatusCode.BadRequest,
            "tags names 4 tags; a subscription may name at most 3 (Limits:MaxTagsPerSubscription)");
        AssertError(
            await server.Http.PostJsonAsync("/v1/api/consume", Json(new { group = "g", tags = string.Join(" || ", Enumerable.Repeat("abcdefgh", 5)) })),
            HttpStatusCode.BadRequest,
            "tags is 56 characters long; at most 40 are allowed (Limits:MaxTagExpressionLength)");

        Assert.Empty((await server.Http.GetJsonAsync("/v1/api/groups")).Body.GetProperty("groups").EnumerateArray());
        Assert.Empty(await server.Http.ConsumeAsync("g", "a || b || c", waitMs: 0));
    }

    [Fact]
    public async Task A_prefix_subscription_receives_every_task_name_that_starts_with_it()
    {
        await using var server = await StartAsync();
        await server.Http.ConsumeAsync("billing", "billing.* || audit", waitMs: 0);
        foreach (var name in new[] { "billing.invoice", "billing.eu.vat", "billingx", "audit" })
        {
            await server.Http.AddNowAsync(name, name);
        }

        var messages = await server.Http.ConsumeAllAsync("billing", "billing.* || audit", count: 3);

        Assert.Equal(["audit", "billing.eu.vat", "billing.invoice"], messages.Select(m => m.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.Empty(await server.Http.ConsumeAsync("billing", "billing.* || audit", waitMs: 300));
    }

    [Fact]
    public async Task A_new_group_past_the_server_limit_is_a_409_until_an_admin_deletes_a_group()
    {
        await using var server = await StartAsync(("Limits:MaxGroups", "2"));
        await server.Http.ConsumeAsync("one", "*", waitMs: 0);
        await server.Http.ConsumeAsync("two", "*", waitMs: 0);

        AssertError(
            await server.Http.PostJsonAsync("/v1/api/consume", Json(new { group = "three", tags = "*" })),
            HttpStatusCode.Conflict,
            "group 'three' would be new, and the server holds 2 consumer groups, its limit (Limits:MaxGroups)");
        Assert.Empty(await server.Http.ConsumeAsync("one", "a || b", waitMs: 0)); // an existing group still changes its subscription

        var (status, removed) = await server.Http.DeleteJsonAsync("/v1/api/groups/one");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""{"group":"one","subscription":"a || b","pending":0,"dead_letters":0}""", removed.GetRawText());
        Assert.Empty(await server.Http.ConsumeAsync("three", "*", waitMs: 0));
        AssertError(await server.Http.DeleteJsonAsync("/v1/api/groups/one"), HttpStatusCode.NotFound, "no consumer group one");
    }

    [Fact]
    public async Task A_key_makes_groups_up_to_its_limit_and_only_an_admin_deletes_them()
    {
        var settings = TestKeys.Settings(("admin", TestKeys.Admin, "admin"), ("billing", "billing-key-1a2b", "consumer"), ("shipping", "shipping-key-3c4d", "consumer"));
        settings["Limits:MaxGroupsPerKey"] = "1";
        await using var server = await RunningServer.StartAsync(settings, backend: backend);
        async Task<KeyedResponse> ConsumeAsync(string group, string key) =>
            await server.Http.SendAsync("POST", "/v1/api/consume", Json(new { group, tags = "*" }), key);

        Assert.Equal(HttpStatusCode.OK, (await ConsumeAsync("billing-1", "billing-key-1a2b")).Status);
        AssertError(
            (await ConsumeAsync("billing-2", "billing-key-1a2b")).AsTuple(),
            HttpStatusCode.Conflict,
            "key 'billing' created 1 consumer groups, its limit (Limits:MaxGroupsPerKey)");
        Assert.Equal(HttpStatusCode.OK, (await ConsumeAsync("shipping-1", "shipping-key-3c4d")).Status);
        Assert.Equal(HttpStatusCode.OK, (await ConsumeAsync("billing-1", "shipping-key-3c4d")).Status); // not new: not counted

        var groups = (await server.Http.SendAsync("GET", "/v1/api/groups", null, TestKeys.Admin)).Body.GetProperty("groups");
        Assert.Equal(
            [("billing-1", "billing"), ("shipping-1", "shipping")],
            groups.EnumerateArray().Select(g => (g.GetProperty("group").GetString(), g.GetProperty("owner").GetString())));
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.SendAsync("DELETE", "/v1/api/groups/billing-1", null, "billing-key-1a2b")).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.Http.SendAsync("DELETE", "/v1/api/groups/billing-1", null, TestKeys.Admin)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ConsumeAsync("billing-2", "billing-key-1a2b")).Status);
    }

    [Fact]
    public async Task Groups_are_listed_in_pages_with_their_subscription_and_backlog_and_a_delete_says_what_it_removed()
    {
        await using var server = await StartAsync(("Overview:CountMaxAge", "00:00:00"));
        foreach (var group in new[] { "b", "a", "c" })
        {
            await server.Http.ConsumeAsync(group, group + ".*", waitMs: 0);
        }

        foreach (var name in new[] { "b.one", "b.two" })
        {
            await DeliveryTests.WaitUntilFiredAsync(server.Http, await server.Http.AddNowAsync(name, "x"));
        }

        Assert.Single(await server.Http.ConsumeAsync("b", "b.*", max: 1));

        var first = (await server.Http.GetJsonAsync("/v1/api/groups?limit=2")).Body;
        var after = first.GetProperty("next").GetString();
        var rest = (await server.Http.GetJsonAsync($"/v1/api/groups?limit=2&after={after}")).Body;

        Assert.Equal(["a", "b"], Names(first));
        Assert.Equal(["c"], Names(rest));
        Assert.False(rest.TryGetProperty("next", out _));
        var b = first.GetProperty("groups")[1];
        Assert.Equal(("b.*", JsonValueKind.Null, 1, 1, 0), (b.GetProperty("subscription").GetString(), b.GetProperty("owner").ValueKind,
            b.GetProperty("ready").GetInt32(), b.GetProperty("leased").GetInt32(), b.GetProperty("dead").GetInt32()));
        Assert.True(b.GetProperty("subscribed_at_ms").GetInt64() > 0);
        AssertError(await server.Http.GetJsonAsync("/v1/api/groups?limit=0"), HttpStatusCode.BadRequest, "limit must be between 1 and 1000");

        var (_, removed) = await server.Http.DeleteJsonAsync("/v1/api/groups/b");
        Assert.Equal("""{"group":"b","subscription":"b.*","pending":2,"dead_letters":0}""", removed.GetRawText());
        Assert.Empty(await server.Http.ConsumeAsync("b", "b.*", waitMs: 0));
    }

    [Fact]
    public async Task A_consume_answer_and_a_dead_letter_page_end_at_the_byte_budget_and_lease_nothing_more()
    {
        await using var server = await StartAsync(("Limits:MaxResponseBytes", "100"), ("Queue:MaxRetries", "0"));
        await server.Http.ConsumeAsync("budget", "budget-tag", waitMs: 0);
        foreach (var letter in "abcde")
        {
            await server.Http.AddNowAsync("budget-tag", new string(letter, 40));
        }

        var pages = new List<int>();
        var all = new List<JsonElement>();
        for (var call = 0; call < 10 && all.Count < 5; call++)
        {
            var page = await server.Http.ConsumeAsync("budget", "budget-tag", max: 100);
            pages.Add(page.Count);
            all.AddRange(page);
        }

        // Each answer ends before the message that would take it over 100 bytes, and nothing it left out was leased:
        // every message came, once, on its first attempt.
        Assert.All(pages, count => Assert.InRange(count, 1, 2));
        Assert.Equal(5, all.Select(m => m.Msgid()).Distinct().Count());
        Assert.All(all, m => Assert.Equal(1, m.GetProperty("attempt").GetInt32()));
        foreach (var message in all)
        {
            var (_, nacked) = await server.Http.PostJsonAsync("/v1/api/nack", Json(new { group = "budget", msgid = message.Msgid() }));
            Assert.Equal("dead", nacked.GetProperty("result").GetString());
        }

        var letters = (await server.Http.GetJsonAsync("/v1/api/dead-letters?group=budget&limit=1000")).Body.GetProperty("dead_letters");
        Assert.Equal(2, letters.GetArrayLength());
    }

    [Fact]
    public async Task More_msgids_than_a_call_takes_and_a_longer_nack_error_than_is_kept_are_a_400()
    {
        await using var server = await StartAsync();
        var ids = Enumerable.Range(0, 1001).Select(i => i.ToString("x24", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

        foreach (var path in new[] { "/v1/api/ack", "/v1/api/dead-letters/redrive", "/v1/api/dead-letters/purge" })
        {
            AssertError(await server.Http.PostJsonAsync(path, Json(new { group = "g", msgids = ids })), HttpStatusCode.BadRequest, "msgids holds 1001 ids; at most 1000 per call");
        }

        AssertError(
            await server.Http.PostJsonAsync("/v1/api/nack", Json(new { group = "g", msgid = ids[0], error = new string('e', 8193) })),
            HttpStatusCode.BadRequest,
            "error is 8193 characters long; at most 8192");
    }

    private static List<string?> Names(JsonElement page) => [.. page.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString())];
}

public sealed class QueueLimitTestsOnSqlite() : QueueLimitTests(TestBackend.Sqlite);

public sealed class QueueLimitTestsOnPostgres() : QueueLimitTests(TestBackend.Postgres);
