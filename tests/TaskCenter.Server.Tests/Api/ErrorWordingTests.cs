using System.Net;
using System.Text.RegularExpressions;
using TaskCenter.Server.Tests.Security;

namespace TaskCenter.Server.Tests.Api;

/// <summary>
/// Every refusal names the field as the request wrote it, first, and reads as a sentence: no word said twice in a row
/// (as in the old "crontab crontab has 1 field").
/// </summary>
public sealed partial class ErrorWordingTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    public static TheoryData<string, string, string?, string> BadRequests() => new()
    {
        { "POST", "/v1/api/task", """{"type":1,"data":"x"}""", "name" },
        { "POST", "/v1/api/task", """{"name":"a b","type":1,"data":"x"}""", "name" },
        { "POST", "/v1/api/task", """{"name":"w","type":7,"data":"x"}""", "type" },
        { "POST", "/v1/api/task", """{"name":"w","type":1}""", "data" },
        { "POST", "/v1/api/task", """{"name":"w","type":3,"data":"x","crontab":"*"}""", "crontab" },
        { "POST", "/v1/api/task", """{"name":"w","type":3,"data":"x","crontab":"  "}""", "crontab" },
        { "POST", "/v1/api/task", """{"name":"w","type":3,"data":"x","crontab":"CRON_TZ=Nowhere 0 9 * * *"}""", "crontab" },
        { "POST", "/v1/api/task", """{"name":"w","type":3,"data":"x","crontab":"CRON_TZ= 0 9 * * *"}""", "crontab" },
        { "POST", "/v1/api/task", """{"name":"w","type":3,"data":"x","crontab":"@every 5s"}""", "crontab" },
        { "POST", "/v1/api/task", """{"name":"w","type":3,"data":"x","crontab":"5/0 * * * *"}""", "crontab" },
        { "POST", "/v1/api/task", """{"name":"w","type":3,"data":"x","crontab":"0 0 30 2 *"}""", "crontab" },
        { "POST", "/v1/api/task", """{"name":"w","type":2,"data":"x","loop_time":-1}""", "loop_time" },
        { "POST", "/v1/api/task", """{"name":"w","type":2,"data":"x"}""", "loop_time" },
        { "POST", "/v1/api/task", """{"name":"w","type":1,"data":"x","end_time":1}""", "end_time" },
        { "POST", "/v1/api/task", """{"name":"w","type":3,"data":"x","crontab":"0 9 * * *","timezone":"Nowhere"}""", "timezone" },
        { "POST", "/v1/api/task", """{"name":"w","type":1,"data":"x","max_runtime":99999999}""", "max_runtime" },
        { "POST", "/v1/api/task", """{"name":"w","type":1,"data":5}""", "data" },
        { "POST", "/v1/api/tasks/batch", """{"tasks":[{"name":"w","type":3,"data":"x","crontab":"*"}]}""", "tasks[0].crontab" },
        { "POST", "/v1/api/delete-task", """{"ids":["nope"]}""", "ids[0]" },
        { "GET", "/v1/api/crontab/next?crontab=*", null, "crontab" },
        { "GET", "/v1/api/crontab/next?crontab=0%209%20*%20*%20*&timezone=Nowhere", null, "timezone" },
        { "GET", "/v1/api/crontab/next?crontab=0%209%20*%20*%20*&count=0", null, "count" },
        { "GET", "/v1/api/tasks?type=9", null, "type" },
        { "GET", "/v1/api/tasks?state=bogus", null, "state" },
        { "GET", "/v1/api/tasks?limit=0", null, "limit" },
        { "GET", "/v1/api/tasks?after=garbage", null, "after" },
        { "GET", "/v1/api/query-task-by-id?taskid=nope", null, "taskid" },
        { "POST", "/v1/api/consume", """{"tags":"*"}""", "group" },
        { "POST", "/v1/api/consume", """{"group":"g","tags":"a || "}""", "tags" },
        { "POST", "/v1/api/consume", """{"group":"g","tags":"bill*ing"}""", "tags" },
        { "POST", "/v1/api/consume", """{"group":"g","max":0}""", "max" },
        { "POST", "/v1/api/consume", """{"group":"g","wait_ms":9999999}""", "wait_ms" },
        { "POST", "/v1/api/consume", """{"group":"g","lease_ms":1}""", "lease_ms" },
        { "POST", "/v1/api/ack", """{"group":"g"}""", "msgids" },
        { "POST", "/v1/api/nack", """{"group":"g"}""", "msgid" },
        { "GET", "/v1/api/dead-letters?group=g&limit=0", null, "limit" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_refusal_names_the_field_first_and_says_no_word_twice(string method, string path, string? body, string field)
    {
        var response = await fixture.Server.Http.SendAsync(method, path, body, apiKey: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var message = response.Body.GetProperty("msg").GetString()!;
        Assert.StartsWith(field + " ", message, StringComparison.Ordinal);
        Assert.False(DoubledWord().IsMatch(message), $"a word twice in a row: {message}");
    }

    [GeneratedRegex(@"\b(\w+)\s+\1\b", RegexOptions.IgnoreCase)]
    private static partial Regex DoubledWord();
}
