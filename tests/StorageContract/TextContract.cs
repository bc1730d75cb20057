using TaskCenter.Core.Delivery;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;
using TaskCenter.Core.Tasks;

namespace TaskCenter.StorageContract;

/// <summary>Characters a database may not take as they come (U+0000, lone surrogates): payloads keep them, lookups by them find nothing.</summary>
public abstract class TextContract(StorageHarness db) : StorageContract(db)
{
    private const string OddPayload = "{\"nul\":\"a\u0000b\",\"cjk\":\"报表\",\"emoji\":\"\U0001F600\"}";

    [Fact]
    public async Task A_payload_with_a_nul_character_comes_back_exactly_on_every_path()
    {
        var store = await Db.OpenAsync(new QueueOptions { MaxRetries = 0 });
        await store.Ledger.SubscribeAsync("g", TagFilter.All, null, Build.T0, CancellationToken.None);
        var task = Build.Task("odd", data: OddPayload, nextFireAt: Build.T0);

        Assert.True((await store.Tasks.AddAsync(task, CancellationToken.None)).Created);
        Assert.Equal(new(task.Id, false), await store.Tasks.AddAsync(Build.Task("odd", data: OddPayload), CancellationToken.None));
        Assert.True((await store.Tasks.AddAsync(Build.Task("odd", data: OddPayload.Replace('\0', ' ')), CancellationToken.None)).Created);
        Assert.Equal(OddPayload, (await store.Reader.GetAsync(task.Id, CancellationToken.None))!.Data);

        await StorageHarness.CommitAsync(store, [Build.Advance(task, TaskState.Finished, null, Build.T0, Build.Fire(task, Build.T0))]);
        var message = Assert.Single(await store.Ledger.LeaseAsync("g", 10, TimeSpan.FromMinutes(1), Build.T0, CancellationToken.None));
        Assert.Equal(OddPayload, message.Data);
        await store.Ledger.NackAsync("g", message.MsgId, "failed on \u0000", null, Build.T0, CancellationToken.None);
        var dead = Assert.Single(await store.Ledger.ListDeadLettersAsync("g", 10, null, CancellationToken.None));
        Assert.Equal(OddPayload, dead.Data);
        Assert.StartsWith("failed on ", dead.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lookups_by_ids_and_names_no_one_can_have_stored_find_nothing()
    {
        var store = await Db.OpenSubscribedAsync();
        string[] odd = ["\u0000", "a\u0000b", "\ud800", "x\udc00y"];

        foreach (var key in odd)
        {
            Assert.Null(await store.Reader.GetAsync(key, CancellationToken.None));
            Assert.Empty(await TasksNamedAsync(store, key));
            Assert.Empty(await store.Tasks.DeleteByNameAsync(key, Build.T0, CancellationToken.None));
            Assert.Equal(NackResult.NotFound, (await store.Ledger.NackAsync("g", key, key, null, Build.T0, CancellationToken.None)).Result);
            Assert.Empty(await store.Ledger.ListDeadLettersAsync("g", 10, key, CancellationToken.None));
            Assert.Empty(await store.Ledger.ListDeadLettersAsync(key, 10, null, CancellationToken.None));
        }

        Assert.Empty(await store.Tasks.DeleteAsync(odd, Build.T0, CancellationToken.None));
        Assert.Empty((await store.Ledger.AckAsync("g", odd, Build.T0, CancellationToken.None)).Acked);
        Assert.Empty(await store.Ledger.RedriveAsync("g", odd, Build.T0, CancellationToken.None));
        Assert.Empty(await store.Ledger.PurgeDeadLettersAsync("g", odd, CancellationToken.None));
    }
}
