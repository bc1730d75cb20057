using System.Net;
using TaskCenter.Testing;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Queue;

/// <summary>
/// A subscription stored when it was within the limits, and over them after a restart with a lower limit: it matches
/// nothing, its messages stay, and its consumers subscribe again within the limit. (The warning it logs, and the same
/// on PostgreSQL, are checked by the storage tests.)
/// </summary>
public sealed class StoredSubscriptionTests
{
    [Fact]
    public async Task A_subscription_over_a_lowered_tag_limit_matches_nothing_after_a_restart_until_it_subscribes_again()
    {
        var data = TempDirectory.Create("taskcenter-stored-subscription");
        try
        {
            await using (var before = await RunningServer.StartAsync(dataDirectory: data))
            {
                await before.Http.ConsumeAsync("wide", "t1 || t2 || t3 || t4", waitMs: 0);
                await DeliveryTests.WaitUntilFiredAsync(before.Http, await before.Http.AddNowAsync("t1", "before"));
            }

            await using var after = await RunningServer.StartAsync(new Dictionary<string, string?> { ["Limits:MaxTagsPerSubscription"] = "3" }, dataDirectory: data);
            var group = (await after.Http.GetJsonAsync("/v1/api/groups")).Body.GetProperty("groups")[0];
            Assert.Equal(("wide", ""), (group.GetProperty("group").GetString(), group.GetProperty("subscription").GetString()));
            await DeliveryTests.WaitUntilFiredAsync(after.Http, await after.Http.AddNowAsync("t2", "kept"));
            AssertError(
                await after.Http.PostJsonAsync("/v1/api/consume", Json(new { group = "wide", tags = "t1 || t2 || t3 || t4" })),
                HttpStatusCode.BadRequest,
                "(Limits:MaxTagsPerSubscription)");

            var messages = await after.Http.ConsumeAllAsync("wide", "t*", count: 2);

            Assert.Equal(["before", "kept"], messages.Select(m => m.GetProperty("data").GetString()).Order(StringComparer.Ordinal));
        }
        finally
        {
            TempDirectory.Delete(data);
        }
    }
}
