using TaskCenter.Core.Push;
using TaskCenter.Core.Queue;

namespace TaskCenter.StorageContract;

/// <summary>
/// Push groups' targets (declared, replaced keeping their owner, bounded in number, deleted, listed by name) and their
/// push attempts (recorded idempotently, read by msgid, purged by age), shared by every store on the storage.
/// </summary>
public abstract class PushGroupContract(StorageHarness db) : StorageContract(db)
{
    private const int Plenty = 100;

    private static PushGroup Group(string name, string? owner = null, string tags = "*", string url = "http://127.0.0.1:9000/hook") =>
        new(name, Tags(tags), new PushSettings { Url = url, Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }, owner, Build.T0);

    private static TagFilter Tags(string expression)
    {
        Assert.True(TagFilter.TryParse(expression, out var filter, out var error), error);
        return filter;
    }

    /// <summary>Every field (the tag filter by its expression, the headers by their entries).</summary>
    private static void AssertGroup(PushGroup expected, PushGroup? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Tags.Expression, actual.Tags.Expression);
        Assert.Equal(expected.Owner, actual.Owner);
        Assert.Equal(expected.UpdatedAt, actual.UpdatedAt);
        Assert.Equal(expected.Push with { Headers = actual.Push.Headers }, actual.Push);
        Assert.Equal(expected.Push.Headers.OrderBy(h => h.Key, StringComparer.Ordinal), actual.Push.Headers.OrderBy(h => h.Key, StringComparer.Ordinal));
    }

    private static PushAttempt Attempt(string msgId, string group, int attempt, int seconds, int? status = 200, string? error = null) =>
        new(msgId, group, attempt, Build.T0.AddSeconds(seconds), status, TimeSpan.FromMilliseconds(150 + attempt), error);

    [Fact]
    public async Task A_push_group_reads_back_as_it_was_put()
    {
        var store = await Db.OpenAsync();
        var group = new PushGroup(
            "billing-push",
            Tags("invoice.* || audit"),
            new PushSettings
            {
                Url = "https://hooks.example.com/taskcenter?x=1",
                ContentType = "text/plain; charset=utf-8",
                Timeout = TimeSpan.FromMilliseconds(2_500),
                MaxConcurrency = 7,
                Headers = new Dictionary<string, string>
                {
                    ["Authorization"] = "Bearer abc.def",
                    ["X-Unicode"] = "héllo ✓ 日本 😀 \"quoted\" \\ \u0001",
                    ["X-Empty"] = "",
                },
                Secret = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD",
            },
            "key-1",
            Build.T0.AddMilliseconds(1_234));

        Assert.Equal(PushGroupWrite.Created, await store.PushGroups.PutAsync(group, Plenty, CancellationToken.None));

        AssertGroup(group, await store.PushGroups.GetAsync("billing-push", CancellationToken.None));
        Assert.Null(await store.PushGroups.GetAsync("other", CancellationToken.None));

        // The defaults, no owner, no headers, and the subscription that matches nothing.
        var plain = Group("plain") with { Tags = TagFilter.Nothing };
        Assert.Equal(PushGroupWrite.Created, await store.PushGroups.PutAsync(plain, Plenty, CancellationToken.None));
        AssertGroup(plain, await store.PushGroups.GetAsync("plain", CancellationToken.None));
    }

    [Fact]
    public async Task A_put_of_an_existing_group_replaces_its_settings_and_keeps_its_owner()
    {
        var store = await Db.OpenAsync();
        await store.PushGroups.PutAsync(Group("g", owner: "first"), Plenty, CancellationToken.None);
        var changed = new PushGroup(
            "g",
            Tags("a || b.*"),
            new PushSettings
            {
                Url = "http://127.0.0.1:9001/other",
                ContentType = "application/cloudevents+json",
                Timeout = TimeSpan.FromSeconds(30),
                MaxConcurrency = 1,
                Headers = new Dictionary<string, string> { ["X-Token"] = "t2" },
                Secret = "whsec_bmV3IHNlY3JldCBvZiAzMiBieXRlcyEhISEhISE=",
            },
            "second",
            Build.T0.AddMinutes(5));

        Assert.Equal(PushGroupWrite.Replaced, await store.PushGroups.PutAsync(changed, Plenty, CancellationToken.None));

        AssertGroup(changed with { Owner = "first" }, await store.PushGroups.GetAsync("g", CancellationToken.None));
        Assert.Single(await store.PushGroups.ListAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_new_group_is_refused_when_the_most_allowed_are_stored_but_a_replace_is_not()
    {
        var store = await Db.OpenAsync();
        Assert.Equal(PushGroupWrite.Created, await store.PushGroups.PutAsync(Group("a"), 2, CancellationToken.None));
        Assert.Equal(PushGroupWrite.Created, await store.PushGroups.PutAsync(Group("b"), 2, CancellationToken.None));

        Assert.Equal(PushGroupWrite.TooMany, await store.PushGroups.PutAsync(Group("c"), 2, CancellationToken.None));
        Assert.Null(await store.PushGroups.GetAsync("c", CancellationToken.None));

        var replaced = Group("a", url: "http://127.0.0.1:9002/replaced");
        Assert.Equal(PushGroupWrite.Replaced, await store.PushGroups.PutAsync(replaced, 2, CancellationToken.None));
        AssertGroup(replaced, await store.PushGroups.GetAsync("a", CancellationToken.None));

        Assert.True(await store.PushGroups.DeleteAsync("b", CancellationToken.None));
        Assert.Equal(PushGroupWrite.Created, await store.PushGroups.PutAsync(Group("c"), 2, CancellationToken.None));
        Assert.Equal(["a", "c"], (await store.PushGroups.ListAsync(CancellationToken.None)).Select(g => g.Name));
    }

    [Fact]
    public async Task A_delete_removes_the_group_once()
    {
        var store = await Db.OpenAsync();
        await store.PushGroups.PutAsync(Group("g"), Plenty, CancellationToken.None);
        await store.PushGroups.PutAsync(Group("kept"), Plenty, CancellationToken.None);

        Assert.True(await store.PushGroups.DeleteAsync("g", CancellationToken.None));
        Assert.False(await store.PushGroups.DeleteAsync("g", CancellationToken.None));
        Assert.False(await store.PushGroups.DeleteAsync("never", CancellationToken.None));

        Assert.Null(await store.PushGroups.GetAsync("g", CancellationToken.None));
        Assert.Equal(["kept"], (await store.PushGroups.ListAsync(CancellationToken.None)).Select(g => g.Name));
    }

    [Fact]
    public async Task Groups_are_listed_by_name_in_ordinal_order()
    {
        var store = await Db.OpenAsync();
        Assert.Empty(await store.PushGroups.ListAsync(CancellationToken.None));
        var groups = new[] { Group("b", owner: "k"), Group("a.b"), Group("C"), Group("a", tags: "x || y") };
        foreach (var group in groups)
        {
            await store.PushGroups.PutAsync(group, Plenty, CancellationToken.None);
        }

        var listed = await store.PushGroups.ListAsync(CancellationToken.None);

        Assert.Equal(["C", "a", "a.b", "b"], listed.Select(g => g.Name));
        foreach (var group in listed)
        {
            AssertGroup(groups.Single(g => g.Name == group.Name), group);
        }
    }

    [Fact]
    public async Task Attempts_are_recorded_idempotently_and_read_by_msgid_group_and_attempt()
    {
        var store = await Db.OpenAsync();
        Assert.Empty(await store.PushGroups.ListAttemptsAsync(["m1"], CancellationToken.None));
        await store.PushGroups.RecordAttemptsAsync([], CancellationToken.None);
        await store.PushGroups.RecordAttemptsAsync(
            [
                Attempt("m2", "g", 1, 10),
                Attempt("m1", "h", 1, 5),
                Attempt("m1", "g", 2, 30),
                Attempt("m1", "g", 1, 1, status: 503, error: "503 Service Unavailable"),
                Attempt("m3", "g", 1, 40),
            ],
            CancellationToken.None);

        // A timeout: no status. Recorded again (a retried write), the attempt is replaced; the last of a batch wins.
        var timedOut = Attempt("m1", "g", 2, 31, status: null, error: "timed out after 10 s");
        var last = Attempt("m2", "g", 1, 11, status: 204);
        await store.PushGroups.RecordAttemptsAsync([timedOut, Attempt("m2", "g", 1, 12, status: 500, error: "x"), last], CancellationToken.None);

        Assert.Equal(
            [Attempt("m1", "g", 1, 1, status: 503, error: "503 Service Unavailable"), timedOut, Attempt("m1", "h", 1, 5), last],
            await store.PushGroups.ListAttemptsAsync(["m2", "m1", "unknown"], CancellationToken.None));
        Assert.Empty(await store.PushGroups.ListAttemptsAsync([], CancellationToken.None));

        // The attempts are not the target's: deleting the group keeps them (they go with the fire history).
        await store.PushGroups.PutAsync(Group("g"), Plenty, CancellationToken.None);
        Assert.True(await store.PushGroups.DeleteAsync("g", CancellationToken.None));
        Assert.Equal([Attempt("m3", "g", 1, 40)], await store.PushGroups.ListAttemptsAsync(["m3"], CancellationToken.None));
    }

    [Fact]
    public async Task A_purge_drops_the_attempts_sent_before_the_time_given_and_counts_them()
    {
        var store = await Db.OpenAsync();
        await store.PushGroups.RecordAttemptsAsync(
            [Attempt("m1", "g", 1, 1), Attempt("m1", "g", 2, 10), Attempt("m2", "g", 1, 5), Attempt("m3", "h", 1, 20)],
            CancellationToken.None);

        Assert.Equal(2, await store.PushGroups.PurgeAttemptsAsync(Build.T0.AddSeconds(10), CancellationToken.None));
        Assert.Equal(0, await store.PushGroups.PurgeAttemptsAsync(Build.T0.AddSeconds(10), CancellationToken.None));

        Assert.Equal(
            [Attempt("m1", "g", 2, 10), Attempt("m3", "h", 1, 20)],
            await store.PushGroups.ListAttemptsAsync(["m1", "m2", "m3"], CancellationToken.None));
    }

    [Fact]
    public async Task Groups_and_attempts_survive_reopening_the_storage()
    {
        var group = Group("g", owner: "k", tags: "a.*") with { Push = Group("g").Push with { Headers = new Dictionary<string, string> { ["X-A"] = "1" } } };
        var attempt = Attempt("m1", "g", 1, 1, status: null, error: "connection refused");
        using (var first = await Db.OpenAsync())
        {
            await first.PushGroups.PutAsync(group, Plenty, CancellationToken.None);
            await first.PushGroups.RecordAttemptsAsync([attempt], CancellationToken.None);
        }

        var second = await Db.OpenAsync();

        AssertGroup(group, Assert.Single(await second.PushGroups.ListAsync(CancellationToken.None)));
        Assert.Equal([attempt], await second.PushGroups.ListAttemptsAsync(["m1"], CancellationToken.None));
        Assert.Equal(PushGroupWrite.Replaced, await second.PushGroups.PutAsync(group with { Owner = "other" }, 1, CancellationToken.None));
        Assert.Equal("k", (await second.PushGroups.GetAsync("g", CancellationToken.None))?.Owner);
    }

    [Fact]
    public async Task Instances_declaring_new_groups_together_never_store_more_than_the_most_allowed()
    {
        const int step = 5;
        const int puts = 20;
        var stores = new List<StoragePorts>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await Db.OpenAsync());
        }

        // Each instance opens its connections first, so the puts released together run together. A race is a matter
        // of timing: several rounds, each allowing 5 more groups than the last and declaring 20 new ones.
        await Task.WhenAll(Enumerable.Range(0, puts).Select(i => stores[i % stores.Count].PushGroups.ListAsync(CancellationToken.None)));
        for (var round = 1; round <= 10; round++)
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var max = round * step;
            var running = Enumerable.Range(0, puts).Select(async i =>
            {
                await start.Task;
                return await stores[i % stores.Count].PushGroups.PutAsync(Group($"r{round:00}-g{i:00}"), max, CancellationToken.None);
            }).ToList();
            start.SetResult();
            var results = await Task.WhenAll(running);

            Assert.Equal(max, (await stores[0].PushGroups.ListAsync(CancellationToken.None)).Count);
            Assert.Equal(step, results.Count(r => r == PushGroupWrite.Created));
            Assert.Equal(puts - step, results.Count(r => r == PushGroupWrite.TooMany));
        }
    }
}
