using System.Globalization;
using System.Text;
using TaskCenter.Core.Access;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>
/// The task list: (name, created_at, id) order, an exact name or a name prefix, type and state filters, keyset pages
/// that end at their limit or their byte budget, the newest tasks of a name.
/// </summary>
public abstract class TaskListContract(StorageHarness db) : StorageContract(db)
{
    /// <summary>The list's order: names by code point (the "C" collation), then created_at, then id.</summary>
    private static List<ScheduledTask> Sorted(IEnumerable<ScheduledTask> tasks) =>
        [.. tasks.OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.CreatedAt).ThenBy(t => t.Id, StringComparer.Ordinal)];

    private static async Task AddAllAsync(StoragePorts store, IEnumerable<ScheduledTask> tasks)
    {
        foreach (var task in tasks)
        {
            Assert.True((await store.Tasks.AddAsync(task, CancellationToken.None)).Created);
        }
    }

    private static long Bytes(ScheduledTask task) => Encoding.UTF8.GetByteCount(task.Data);

    /// <summary>
    /// Every page of the query; asserts the last page (only) has no cursor, and that each page is within its limit and
    /// budget (or a single task) and ends only where the next task would have gone over one of them.
    /// </summary>
    private static Task<List<ScheduledTask>> AllPagesAsync(StoragePorts store, TaskQuery query) =>
        AllPagesAsync(q => store.Reader.ListAsync(q, CancellationToken.None), query);

    /// <inheritdoc cref="AllPagesAsync(StoragePorts, TaskQuery)"/>
    private static async Task<List<ScheduledTask>> AllPagesAsync(Func<TaskQuery, Task<TaskPage>> list, TaskQuery query)
    {
        var all = new List<ScheduledTask>();
        var page = await list(query);
        for (var pages = 1; ; pages++)
        {
            var bytes = page.Tasks.Sum(Bytes);
            Assert.True(page.Tasks.Count <= query.Limit);
            Assert.True(page.Tasks.Count == 1 || bytes <= query.MaxPayloadBytes, $"a page of {page.Tasks.Count} tasks holds {bytes} bytes");
            all.AddRange(page.Tasks);
            if (page.Next is null)
            {
                return all;
            }

            Assert.Equal(TaskCursor.Of(page.Tasks[^1]), page.Next);
            Assert.True(pages < 1000, "the cursor does not advance");
            var previous = page;
            page = await list(query with { After = page.Next });
            Assert.True(
                previous.Tasks.Count == query.Limit || bytes + Bytes(page.Tasks[0]) > query.MaxPayloadBytes,
                $"a page of {previous.Tasks.Count} tasks ({bytes} bytes) ended before a task of {Bytes(page.Tasks[0])} bytes");
        }
    }

    [Fact]
    public async Task List_orders_by_name_then_created_at_then_id()
    {
        var store = await Db.OpenAsync();
        ScheduledTask[] tasks =
        [
            Build.Task("b", data: "1", createdAt: 5),
            Build.Task("a", data: "2", createdAt: 9),
            Build.Task("a", data: "3", createdAt: 1),
            Build.Task("a", data: "4", createdAt: 9),
            Build.Task("ab", data: "5", createdAt: 0),
            Build.Task("B", data: "6", createdAt: 7),
        ];
        await AddAllAsync(store, tasks);

        var page = await store.Reader.ListAsync(new TaskQuery(), CancellationToken.None);

        Assert.Equal(Sorted(tasks), page.Tasks);
        Assert.Equal(["B", "a", "a", "a", "ab", "b"], page.Tasks.Select(t => t.Name));
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task A_prefix_takes_exactly_the_names_starting_with_it()
    {
        var store = await Db.OpenAsync();
        string[] names =
        [
            "re", "rep", "rep~", "repo", "report", "report.daily", "reps", "rep\u00e9", "rep\u00ff", "rep\u0100", "rep\u4e2d",
            "rep\U0001F600", "req", "reo", "Rep", "a", "rep_x", "repAx", "rep%", "\u00e9t\u00e9", "\u00e9t\u00e9s", "\u00e9tu", "\u00e9\u00ff", "\u00ea",
        ];
        var tasks = names.Select((name, i) => Build.Task(name, data: i.ToString(CultureInfo.InvariantCulture))).ToList();
        await AddAllAsync(store, tasks);

        foreach (var prefix in new[] { "rep", "report", "rep_", "rep%", "rep\u00ff", "rep\u00e9", "\u00e9t\u00e9", "\u00e9", "re", "zz", "rep\U0001F600" })
        {
            var expected = Sorted(tasks.Where(t => t.Name.StartsWith(prefix, StringComparison.Ordinal)));
            var listed = await store.Reader.ListAsync(new TaskQuery { NamePrefix = prefix, Limit = 100 }, CancellationToken.None);
            Assert.Equal(expected.Select(t => t.Name), listed.Tasks.Select(t => t.Name));
        }

        Assert.Equal(tasks.Count, (await store.Reader.ListAsync(new TaskQuery { NamePrefix = "", Limit = 100 }, CancellationToken.None)).Tasks.Count);
    }

    [Fact]
    public async Task Type_and_state_filters_narrow_the_list()
    {
        var store = await Db.OpenAsync();
        ScheduledTask[] tasks =
        [
            Build.Task("a", data: "1"),
            Build.Task("a", data: "2", state: TaskState.Paused) with { Type = TaskType.Interval, LoopTime = TimeSpan.FromMinutes(1) },
            Build.Task("b", data: "3", state: TaskState.Active) with { Type = TaskType.Cron, Crontab = "* * * * *" },
            Build.Task("b", data: "4", state: TaskState.Paused) with { Type = TaskType.Cron, Crontab = "* * * * *" },
            Build.Task("c", data: "5", state: TaskState.Finished),
        ];
        await AddAllAsync(store, tasks);

        async Task<List<string>> ListAsync(TaskQuery query) =>
            [.. (await store.Reader.ListAsync(query with { Limit = 100 }, CancellationToken.None)).Tasks.Select(t => t.Id)];

        Assert.Equal([tasks[2].Id, tasks[3].Id], await ListAsync(new TaskQuery { Type = TaskType.Cron }));
        Assert.Equal([tasks[1].Id, tasks[3].Id], await ListAsync(new TaskQuery { State = TaskState.Paused }));
        Assert.Equal([tasks[3].Id], await ListAsync(new TaskQuery { Type = TaskType.Cron, State = TaskState.Paused }));
        Assert.Equal([tasks[1].Id], await ListAsync(new TaskQuery { NamePrefix = "a", State = TaskState.Paused }));
        Assert.Equal([tasks[0].Id, tasks[4].Id], await ListAsync(new TaskQuery { Type = TaskType.OneShot }));
        Assert.Empty(await ListAsync(new TaskQuery { Type = TaskType.Interval, State = TaskState.Active }));
    }

    [Fact]
    public async Task Small_pages_go_through_every_task_exactly_once_in_order()
    {
        var store = await Db.OpenAsync();
        var tasks = Enumerable.Range(0, 37)
            .Select(i => Build.Task(
                name: "n" + (i % 5).ToString(CultureInfo.InvariantCulture),
                data: i.ToString(CultureInfo.InvariantCulture),
                state: i % 3 == 0 ? TaskState.Paused : TaskState.Pending,
                createdAt: Build.T0.ToUnixTimeSeconds() + (i % 4)))
            .ToList();
        await AddAllAsync(store, tasks);

        foreach (var limit in new[] { 1, 2, 3, 7, 37, 50 })
        {
            Assert.Equal(Sorted(tasks), await AllPagesAsync(store, new TaskQuery { Limit = limit }));
        }

        Assert.Equal(Sorted(tasks.Where(t => t.State == TaskState.Paused)), await AllPagesAsync(store, new TaskQuery { Limit = 2, State = TaskState.Paused }));
        Assert.Equal(Sorted(tasks.Where(t => t.Name == "n3")), await AllPagesAsync(store, new TaskQuery { Limit = 2, NamePrefix = "n3" }));
    }

    [Fact]
    public async Task A_page_that_ends_with_the_last_task_has_no_next_cursor()
    {
        var store = await Db.OpenAsync();
        var tasks = Enumerable.Range(0, 4).Select(i => Build.Task("t", data: i.ToString(CultureInfo.InvariantCulture))).ToList();
        await AddAllAsync(store, tasks);

        var first = await store.Reader.ListAsync(new TaskQuery { Limit = 2 }, CancellationToken.None);
        var second = await store.Reader.ListAsync(new TaskQuery { Limit = 2, After = first.Next }, CancellationToken.None);

        Assert.NotNull(first.Next);
        Assert.Equal(2, second.Tasks.Count);
        Assert.Null(second.Next);
        Assert.Null((await store.Reader.ListAsync(new TaskQuery { Limit = 4 }, CancellationToken.None)).Next);
        Assert.Empty((await store.Reader.ListAsync(new TaskQuery { Limit = 4, NamePrefix = "x" }, CancellationToken.None)).Tasks);
    }

    [Fact]
    public async Task A_cursor_outside_the_prefix_gives_the_names_of_the_prefix_after_it()
    {
        var store = await Db.OpenAsync();
        string[] names = ["a", "b1", "b2", "b3", "c"];
        var tasks = names.Select(name => Build.Task(name, data: "d")).ToList();
        await AddAllAsync(store, tasks);

        async Task<List<string>> AfterAsync(ScheduledTask cursor) =>
            [.. (await store.Reader.ListAsync(new TaskQuery { NamePrefix = "b", After = TaskCursor.Of(cursor) }, CancellationToken.None)).Tasks.Select(t => t.Name)];

        Assert.Equal(["b1", "b2", "b3"], await AfterAsync(tasks[0]));
        Assert.Equal(["b3"], await AfterAsync(tasks[2]));
        Assert.Empty(await AfterAsync(tasks[4]));
    }

    [Fact]
    public async Task The_cursor_of_a_deleted_task_still_continues_after_it()
    {
        var store = await Db.OpenAsync();
        var tasks = Enumerable.Range(0, 6).Select(i => Build.Task("t" + i.ToString(CultureInfo.InvariantCulture), data: "d")).ToList();
        await AddAllAsync(store, tasks);

        var first = await store.Reader.ListAsync(new TaskQuery { Limit = 3 }, CancellationToken.None);
        await store.Tasks.DeleteAsync([first.Tasks[^1].Id], Build.T0, CancellationToken.None);
        var cursor = TaskCursor.TryDecode(first.Next!.Encode(), out var decoded) ? decoded : null;
        var second = await store.Reader.ListAsync(new TaskQuery { Limit = 3, After = cursor }, CancellationToken.None);

        Assert.Equal(tasks.Take(3), first.Tasks);
        Assert.Equal(tasks.Skip(3), second.Tasks);
    }

    [Fact]
    public async Task A_page_ends_before_the_task_that_would_take_it_over_the_byte_budget()
    {
        var store = await Db.OpenAsync();
        int[] sizes = [300, 300, 300, 500, 100, 100, 100, 100, 100, 900, 50];
        var tasks = sizes.Select((size, i) => Build.Task("t" + i.ToString("00", CultureInfo.InvariantCulture), data: new string('x', size))).ToList();
        await AddAllAsync(store, tasks);

        var first = await store.Reader.ListAsync(new TaskQuery { Limit = 10, MaxPayloadBytes = 1000 }, CancellationToken.None);

        Assert.Equal(tasks.Take(3), first.Tasks); // 900 bytes; the fourth would make 1400
        Assert.Equal(TaskCursor.Of(tasks[2]), first.Next);
        foreach (var budget in new long[] { 1, 99, 100, 450, 1000, 1001, 2999, 3000 })
        {
            Assert.Equal(tasks, await AllPagesAsync(store, new TaskQuery { Limit = 4, MaxPayloadBytes = budget }));
        }
    }

    [Fact]
    public async Task A_task_larger_than_the_budget_comes_alone_and_paging_goes_on_after_it()
    {
        var store = await Db.OpenAsync();
        int[] sizes = [10, 5000, 10];
        var tasks = sizes.Select((size, i) => Build.Task("big" + i.ToString(CultureInfo.InvariantCulture), data: new string('x', size))).ToList();
        await AddAllAsync(store, tasks);
        var query = new TaskQuery { NamePrefix = "big", MaxPayloadBytes = 100 };

        var first = await store.Reader.ListAsync(query, CancellationToken.None);
        var second = await store.Reader.ListAsync(query with { After = first.Next }, CancellationToken.None);
        var third = await store.Reader.ListAsync(query with { After = second.Next }, CancellationToken.None);

        Assert.Equal([tasks[0]], first.Tasks);
        Assert.Equal([tasks[1]], second.Tasks);
        Assert.Equal([tasks[2]], third.Tasks);
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task The_budget_counts_the_data_in_utf8_bytes()
    {
        var store = await Db.OpenAsync();
        var tasks = Enumerable.Range(0, 3).Select(i => Build.Task("u", data: i.ToString(CultureInfo.InvariantCulture) + new string('\u00e9', 50))).ToList();
        await AddAllAsync(store, tasks);

        // 101 bytes each (50 characters of 2 bytes, a digit), 51 characters: two fit 202 bytes, not 201.
        Assert.Equal(2, (await store.Reader.ListAsync(new TaskQuery { Name = "u", MaxPayloadBytes = 202 }, CancellationToken.None)).Tasks.Count);
        Assert.Single((await store.Reader.ListAsync(new TaskQuery { Name = "u", MaxPayloadBytes = 201 }, CancellationToken.None)).Tasks);
    }

    [Fact]
    public async Task An_exact_name_takes_that_name_only_and_pages_through_it()
    {
        var store = await Db.OpenAsync();
        string[] names = ["rep", "repo", "re", "rep.x", "Rep", "rep"];
        var tasks = names.Select((name, i) => Build.Task(name, data: i.ToString(CultureInfo.InvariantCulture), createdAt: Build.T0.ToUnixTimeSeconds() - i))
            .Concat(Enumerable.Range(0, 7).Select(i => Build.Task("rep", data: "more" + i.ToString(CultureInfo.InvariantCulture), createdAt: Build.T0.ToUnixTimeSeconds() + (i % 3))))
            .ToList();
        await AddAllAsync(store, tasks);
        var named = Sorted(tasks.Where(t => t.Name == "rep"));

        Assert.Equal(9, named.Count);
        foreach (var limit in new[] { 1, 2, 4, 9, 10 })
        {
            Assert.Equal(named, await AllPagesAsync(store, new TaskQuery { Name = "rep", Limit = limit }));
        }

        Assert.Equal(named, await AllPagesAsync(store, new TaskQuery { Name = "rep", NamePrefix = "re", Limit = 2 }));
        Assert.Empty((await store.Reader.ListAsync(new TaskQuery { Name = "rep", NamePrefix = "repo" }, CancellationToken.None)).Tasks);
        Assert.Empty((await store.Reader.ListAsync(new TaskQuery { Name = "nobody" }, CancellationToken.None)).Tasks);
    }

    [Fact]
    public async Task A_cursor_of_another_name_gives_the_tasks_of_the_name_after_it()
    {
        var store = await Db.OpenAsync();
        string[] names = ["a", "b", "b", "c"];
        var tasks = names.Select((name, i) => Build.Task(name, data: i.ToString(CultureInfo.InvariantCulture))).ToList();
        await AddAllAsync(store, tasks);

        async Task<List<ScheduledTask>> AfterAsync(ScheduledTask cursor) =>
            [.. (await store.Reader.ListAsync(new TaskQuery { Name = "b", After = TaskCursor.Of(cursor) }, CancellationToken.None)).Tasks];

        Assert.Equal([tasks[1], tasks[2]], await AfterAsync(tasks[0]));
        Assert.Equal([tasks[2]], await AfterAsync(tasks[1]));
        Assert.Empty(await AfterAsync(tasks[3]));
    }

    [Fact]
    public async Task Descending_gives_the_newest_tasks_of_a_name_first_within_the_limit_and_the_budget()
    {
        var store = await Db.OpenAsync();
        var tasks = Enumerable.Range(0, 6)
            .Select(i => Build.Task("n", data: new string('x', 100 + i), createdAt: Build.T0.ToUnixTimeSeconds() + i))
            .Append(Build.Task("n2", data: "other", createdAt: Build.T0.ToUnixTimeSeconds() + 99))
            .ToList();
        await AddAllAsync(store, tasks);
        var newest = new TaskQuery { Name = "n", Descending = true, Limit = 4 };

        var byLimit = await store.Reader.ListAsync(newest, CancellationToken.None);
        var byBudget = await store.Reader.ListAsync(newest with { MaxPayloadBytes = 300 }, CancellationToken.None);
        var all = await store.Reader.ListAsync(newest with { Limit = 6 }, CancellationToken.None);

        Assert.Equal([tasks[5], tasks[4], tasks[3], tasks[2]], byLimit.Tasks);
        Assert.NotNull(byLimit.Next);
        Assert.Equal([tasks[5], tasks[4]], byBudget.Tasks); // 105 + 104; 103 more would make 312
        Assert.NotNull(byBudget.Next);
        Assert.Equal(6, all.Tasks.Count);
        Assert.Null(all.Next);
        await Assert.ThrowsAsync<ArgumentException>(() => store.Reader.ListAsync(newest with { After = TaskCursor.Of(tasks[0]) }, CancellationToken.None));
    }

    [Theory]
    [InlineData(1, long.MaxValue)]
    [InlineData(2, long.MaxValue)]
    [InlineData(3, 25)]
    [InlineData(50, 10)]
    [InlineData(50, 40)]
    public async Task A_scoped_list_walks_the_scopes_ranges_in_name_order_with_one_limit_and_budget(int limit, long maxBytes)
    {
        var store = await Db.OpenAsync();
        ScheduledTask[] tasks =
        [
            Build.Task("audit.daily", data: new string('a', 12), createdAt: 1),
            Build.Task("billing", data: new string('b', 12), createdAt: 2),
            Build.Task("billing.invoice", data: new string('c', 12), createdAt: 3),
            Build.Task("billing.invoice", data: new string('d', 30), createdAt: 4),
            Build.Task("billing.refund", data: new string('e', 12), createdAt: 5),
            Build.Task("reports.daily", data: new string('f', 12), createdAt: 6),
            Build.Task("reports.daily2", data: new string('g', 12), createdAt: 7),
            Build.Task("shipping.label", data: new string('h', 12), createdAt: 8),
            Build.Task("\uFF41.x", data: new string('i', 12), createdAt: 9),
            Build.Task("\U00010400.x", data: new string('j', 12), createdAt: 10),
        ];
        await AddAllAsync(store, tasks);
        var scope = NameScope.Of([NamePattern.StartingWith("billing."), NamePattern.Exact("reports.daily"), NamePattern.StartingWith("\U00010400"), NamePattern.StartingWith("\uFF41")]);
        var query = new TaskQuery { Limit = limit, MaxPayloadBytes = maxBytes };

        var all = await AllPagesAsync(q => store.Reader.ListWithinAsync(q, scope, CancellationToken.None), query);
        var billing = await AllPagesAsync(q => store.Reader.ListWithinAsync(q, scope, CancellationToken.None), query with { NamePrefix = "bill" });
        var exact = await AllPagesAsync(q => store.Reader.ListWithinAsync(q, scope, CancellationToken.None), query with { Name = "reports.daily2" });
        var nameInPrefix = await AllPagesAsync(q => store.Reader.ListWithinAsync(q, scope, CancellationToken.None), query with { Name = "billing.refund", NamePrefix = "bill" });
        var nameOutsidePrefix = await AllPagesAsync(q => store.Reader.ListWithinAsync(q, scope, CancellationToken.None), query with { Name = "billing.refund", NamePrefix = "zzz" });

        var sorted = Sorted(tasks);
        Assert.Equal(
            ["billing.invoice", "billing.invoice", "billing.refund", "reports.daily", "\uFF41.x", "\U00010400.x"],
            all.Select(t => t.Name));
        Assert.Equal(sorted.Where(t => scope.Matches(t.Name)).OrderBy(t => t.Name, Comparer<string>.Create(NameOrder.Compare)).Select(t => t.Id), all.Select(t => t.Id));
        Assert.Equal(["billing.invoice", "billing.invoice", "billing.refund"], billing.Select(t => t.Name));
        Assert.Empty(exact);
        Assert.Equal(["billing.refund"], nameInPrefix.Select(t => t.Name));
        Assert.Empty(nameOutsidePrefix);
    }
}
