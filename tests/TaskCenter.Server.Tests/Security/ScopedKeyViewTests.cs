using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using TaskCenter.Server.Tests.Management;
using TaskCenter.Server.Tests.Metrics;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Security.ScopedKeysFixture;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Security;

/// <summary>What a scoped key sees of the whole server: its own tasks, groups and figures only.</summary>
public abstract class ScopedKeyViewTests(ScopedKeysFixture fixture)
{
    private HttpClient Http => fixture.Server.Http;

    [Fact]
    public async Task The_overview_of_a_scoped_key_counts_its_tasks_and_groups_and_leaves_server_wide_figures_out()
    {
        var suffix = Unique();
        foreach (var name in new[] { $"billing.a{suffix}", $"billing.b{suffix}" })
        {
            await AddAsync(name, BillingProducer, paused: true);
        }

        await AddAsync($"shipping.a{suffix}", ShippingProducer, paused: true);
        await ConsumeAsync(BillingConsumer, $"billing-workers{suffix}", $"billing.none{suffix}");
        await ConsumeAsync(ShippingConsumer, $"shipping-workers{suffix}", $"shipping.none{suffix}");
        foreach (var pushGroup in new[] { $"billing-push{suffix}", $"shipping-push{suffix}" })
        {
            var declared = await Http.SendAsync(
                "PUT", $"/v1/api/groups/{pushGroup}", Json(new { tags = "none", push = new { url = "http://127.0.0.1:5080/hooks" } }), Admin);
            Assert.Equal(HttpStatusCode.Created, declared.Status);
        }

        var billing = (await Http.SendAsync("GET", "/v1/api/overview", null, BillingViewer)).Body;
        var admin = (await Http.SendAsync("GET", "/v1/api/overview", null, Admin)).Body;

        Assert.Equal(await CountByAdminAsync("billing."), Total(billing));
        Assert.Equal(Total(billing) + await CountByAdminAsync("shipping."), Total(admin));
        var groups = billing.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()!).ToList();
        Assert.Contains($"billing-workers{suffix}", groups);
        Assert.All(groups, g => Assert.StartsWith("billing-", g, StringComparison.Ordinal));
        Assert.Contains($"shipping-workers{suffix}", admin.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        var pushGroups = billing.GetProperty("push_groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()!).ToList();
        Assert.Contains($"billing-push{suffix}", pushGroups);
        Assert.All(pushGroups, g => Assert.StartsWith("billing-", g, StringComparison.Ordinal));
        Assert.Contains($"shipping-push{suffix}", admin.GetProperty("push_groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
        foreach (var serverWide in new[] { "unrouted_fires", "unpublished_fires", "instances", "fires_per_minute" })
        {
            Assert.Equal(JsonValueKind.Null, billing.GetProperty(serverWide).ValueKind);
            Assert.NotEqual(JsonValueKind.Null, admin.GetProperty(serverWide).ValueKind);
        }

        Assert.Equal("""{"tasks":["billing.*"],"groups":["billing-*"]}""", billing.GetProperty("scope").GetRawText());
        Assert.Equal(JsonValueKind.Null, admin.GetProperty("scope").ValueKind);
    }

    [Fact]
    public async Task The_fires_of_this_minute_show_the_keys_own_names_only()
    {
        var suffix = Unique();
        var billing = await AddAsync($"billing.stat{suffix}", BillingProducer, paused: false);
        var shipping = await AddAsync($"shipping.stat{suffix}", ShippingProducer, paused: false);

        // task/stat holds this minute's fires: fire both again until both reads fall in the minute of the fires.
        var (_, scoped) = await Waiting.PollAsync(
            async () =>
            {
                await Http.SendAsync("POST", $"/v1/api/tasks/{billing}/trigger", "{}", BillingProducer);
                await Http.SendAsync("POST", $"/v1/api/tasks/{shipping}/trigger", "{}", ShippingProducer);
                return ((await Http.SendAsync("GET", "/v1/api/task/stat", null, Admin)).Body,
                    (await Http.SendAsync("GET", "/v1/api/task/stat", null, BillingViewer)).Body);
            },
            stats => stats.Item1.TryGetProperty($"billing.stat{suffix}", out _) && stats.Item1.TryGetProperty($"shipping.stat{suffix}", out _)
                && stats.Item2.TryGetProperty($"billing.stat{suffix}", out _)
                && stats.Item1.GetProperty("total").GetInt64() > stats.Item2.GetProperty("total").GetInt64());

        var names = scoped.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains($"billing.stat{suffix}", names);
        Assert.All(names.Where(n => n != "total"), n => Assert.StartsWith("billing.", n, StringComparison.Ordinal));
        Assert.Equal(scoped.EnumerateObject().Where(p => p.Name != "total").Sum(p => p.Value.GetInt64()), scoped.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Metrics_show_a_scoped_key_its_groups_series_only()
    {
        var suffix = Unique();
        await DeliverAsync(BillingProducer, BillingConsumer, $"billing.m{suffix}", $"billing-metrics{suffix}");
        await DeliverAsync(ShippingProducer, ShippingConsumer, $"shipping.m{suffix}", $"shipping-metrics{suffix}");

        var admin = await ScrapeAsync(Admin, "metrics");

        // Deliveries are counted per group (in-process test servers share the counters; the groups are this test's own).
        // Routing also takes /metrics/ to the scrape: it is filtered the same.
        foreach (var path in new[] { "metrics", "metrics/" })
        {
            var scoped = await ScrapeAsync(BillingViewer, path);
            Assert.Contains(scoped.Samples, s => s.Name == "taskcenter_queue_deliveries_total" && s.Labels.GetValueOrDefault("group") == $"billing-metrics{suffix}");
            Assert.All(scoped.Samples, s => Assert.StartsWith("billing-", s.Labels["group"], StringComparison.Ordinal));
        }

        Assert.Contains(admin.Samples, s => s.Labels.GetValueOrDefault("group") == $"shipping-metrics{suffix}");
        Assert.Contains(admin.Samples, s => s.Name == "taskcenter_fires_total");
    }

    [Fact]
    public async Task A_scoped_key_consumes_acks_and_reads_dead_letters_of_its_own_groups_only()
    {
        var suffix = Unique();
        var theirs = Json(new { group = $"shipping-workers{suffix}", tags = $"shipping.x{suffix}" });
        var ownGroupTheirTag = Json(new { group = $"billing-workers{suffix}", tags = $"billing.x{suffix} || shipping.x{suffix}" });
        var ack = $$"""{"group":"shipping-workers{{suffix}}","msgids":["6b07988cf068bd9b68837642"]}""";

        AssertError((await Http.SendAsync("POST", "/v1/api/consume", theirs, BillingConsumer)).AsTuple(), HttpStatusCode.Forbidden,
            $"group 'shipping-workers{suffix}' is outside the consumer groups the API key 'billing-consumer' may use (billing-*)");
        AssertError((await Http.SendAsync("POST", "/v1/api/consume", ownGroupTheirTag, BillingConsumer)).AsTuple(), HttpStatusCode.Forbidden,
            $"'shipping.x{suffix}' is outside the task names the API key 'billing-consumer' may use (billing.*)");
        AssertError((await Http.SendAsync("POST", "/v1/api/ack", ack, BillingConsumer)).AsTuple(), HttpStatusCode.Forbidden, "outside the consumer groups");
        AssertError((await Http.SendAsync("GET", $"/v1/api/dead-letters?group=shipping-workers{suffix}", null, BillingViewer)).AsTuple(),
            HttpStatusCode.Forbidden, "outside the consumer groups");
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync("GET", $"/v1/api/dead-letters?group=billing-workers{suffix}", null, BillingViewer)).Status);
    }

    [Fact]
    public async Task A_fire_history_shows_a_scoped_key_the_deliveries_of_its_own_groups_only()
    {
        var suffix = Unique();
        var name = $"billing.history{suffix}";
        await ConsumeAsync(Admin, $"ops-audit{suffix}", name);
        await DeliverAsync(BillingProducer, BillingConsumer, name, $"billing-history{suffix}");
        var id = (await Http.SendAsync("GET", $"/v1/api/tasks?name={name}", null, Admin)).Body.GetProperty("tasks")[0].GetProperty("_id").GetString();

        var scoped = (await Http.SendAsync("GET", $"/v1/api/tasks/{id}/fires", null, BillingViewer)).Body;
        var admin = (await Http.SendAsync("GET", $"/v1/api/tasks/{id}/fires", null, Admin)).Body;

        static List<string> Groups(JsonElement history) =>
            [.. history.GetProperty("fires").EnumerateArray().SelectMany(f => f.GetProperty("deliveries").EnumerateArray()).Select(d => d.GetProperty("group").GetString()!)];
        Assert.Equal([$"billing-history{suffix}"], Groups(scoped).Distinct());
        Assert.Contains($"ops-audit{suffix}", Groups(admin));
    }

    [Fact]
    public async Task A_scoped_group_subscribing_to_every_tag_gets_the_keys_own_task_names_only()
    {
        var suffix = Unique();
        var group = $"billing-all{suffix}";
        await ConsumeAsync(BillingConsumer, group, "*");
        var billing = await AddAsync($"billing.all{suffix}", BillingProducer, paused: false);
        var shipping = await AddAsync($"shipping.all{suffix}", ShippingProducer, paused: false);
        await Http.SendAsync("POST", $"/v1/api/tasks/{shipping}/trigger", "{}", ShippingProducer);
        await Http.SendAsync("POST", $"/v1/api/tasks/{billing}/trigger", "{}", BillingProducer);

        var messages = await Waiting.PollAsync(
            async () => (await Http.SendAsync("POST", "/v1/api/consume", Json(new { group, tags = "*", max = 10, wait_ms = 1000 }), BillingConsumer)).Body,
            body => body.GetProperty("messages").GetArrayLength() > 0);
        var groups = (await Http.SendAsync("GET", "/v1/api/groups?limit=1000", null, Admin)).Body.GetProperty("groups").EnumerateArray();
        var seenByBilling = (await Http.SendAsync("GET", "/v1/api/groups?limit=1000", null, BillingViewer)).Body.GetProperty("groups").EnumerateArray()
            .Select(g => g.GetProperty("group").GetString()!).ToList();

        Assert.Equal([$"billing.all{suffix}"], messages.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
        Assert.Equal("billing.*", groups.Single(g => g.GetProperty("group").GetString() == group).GetProperty("subscription").GetString());
        Assert.Contains(group, seenByBilling);
        Assert.All(seenByBilling, g => Assert.StartsWith("billing-", g, StringComparison.Ordinal));
        AssertError((await Http.SendAsync("POST", "/v1/api/consume", Json(new { group, tags = "billing.eu.* || shipping.*" }), BillingConsumer)).AsTuple(),
            HttpStatusCode.Forbidden, "tags 'shipping.*' is outside the task names the API key 'billing-consumer' may use (billing.*)");
        Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync("POST", "/v1/api/consume", Json(new { group, tags = "billing.eu.*" }), BillingConsumer)).Status);
    }

    private async Task<string> AddAsync(string name, string key, bool paused)
    {
        var response = await Http.SendAsync("POST", "/v1/api/task", Json(new { name, type = 2, data = "x", loop_time = 3600, start_time = TaskCalls.Now + 3600 }), key);
        Assert.True(response.Status == HttpStatusCode.OK, response.Body.ToString());
        var id = response.Body.GetProperty("taskid").GetString()!;
        if (paused)
        {
            Assert.Equal(HttpStatusCode.OK, (await Http.SendAsync("POST", $"/v1/api/tasks/{id}/pause", "{}", key)).Status);
        }

        return id;
    }

    /// <summary>A task of its own fired now and consumed by a group of its own.</summary>
    private async Task DeliverAsync(string producer, string consumer, string name, string group)
    {
        await ConsumeAsync(consumer, group, name);
        var id = await AddAsync(name, producer, paused: false);
        await Http.SendAsync("POST", $"/v1/api/tasks/{id}/trigger", "{}", producer);
        await Waiting.PollAsync(
            async () => (await Http.SendAsync("POST", "/v1/api/consume", Json(new { group, tags = name, wait_ms = 1000 }), consumer)).Body,
            body => body.GetProperty("messages").GetArrayLength() > 0);
    }

    private async Task ConsumeAsync(string key, string group, string tags)
    {
        var response = await Http.SendAsync("POST", "/v1/api/consume", Json(new { group, tags }), key);
        Assert.True(response.Status == HttpStatusCode.OK, response.Body.ToString());
    }

    /// <summary>How many tasks have a name starting with the prefix, by the admin key's list.</summary>
    private async Task<long> CountByAdminAsync(string prefix)
    {
        long count = 0;
        string? after = null;
        do
        {
            var page = (await Http.SendAsync("GET", $"/v1/api/tasks?name_prefix={prefix}&limit=500{(after is null ? "" : "&after=" + after)}", null, Admin)).Body;
            count += page.GetProperty("tasks").GetArrayLength();
            after = page.GetProperty("next").GetString();
        }
        while (after is not null);
        return count;
    }

    private static long Total(JsonElement overview) => overview.GetProperty("tasks").EnumerateArray().Sum(t => t.GetProperty("count").GetInt64());

    private async Task<PrometheusText> ScrapeAsync(string key, string path)
    {
        using var http = new HttpClient { BaseAddress = fixture.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await PrometheusText.ScrapeAsync(http, path);
    }

    private static string Unique() => "." + TaskCalls.UniquePrefix("v").TrimEnd('-');
}

public sealed class ScopedKeyViewTestsOnSqlite(ScopedKeysOnSqlite fixture) : ScopedKeyViewTests(fixture), IClassFixture<ScopedKeysOnSqlite>;

public sealed class ScopedKeyViewTestsOnPostgres(ScopedKeysOnPostgres fixture) : ScopedKeyViewTests(fixture), IClassFixture<ScopedKeysOnPostgres>;
