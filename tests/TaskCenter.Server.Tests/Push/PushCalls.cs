using System.Net;
using System.Text.Json;
using static TaskCenter.Server.Tests.Wire;

namespace TaskCenter.Server.Tests.Push;

/// <summary>Declaring push groups over HTTP, as the push tests do.</summary>
public static class PushCalls
{
    /// <summary><c>PUT /v1/api/groups/{group}</c> with a push target at <paramref name="url"/> and the other fields of <paramref name="push"/>.</summary>
    public static Task<(HttpStatusCode Status, JsonElement Body)> DeclareAsync(this HttpClient http, string group, string tags, string url, object? push = null)
    {
        var target = JsonSerializer.SerializeToNode(push ?? new { })!.AsObject();
        target["url"] = url;
        return http.PutJsonAsync($"/v1/api/groups/{group}", Json(new { tags, push = target }));
    }

    /// <summary>Declares a new push group; its generated secret.</summary>
    public static async Task<string> DeclarePushGroupAsync(this HttpClient http, string group, string tags, string url, object? push = null)
    {
        var (status, body) = await http.DeclareAsync(group, tags, url, push);
        Assert.True(status == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("push").GetProperty("secret").GetString()!;
    }
}
