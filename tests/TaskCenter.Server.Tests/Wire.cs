using System.Net;
using System.Text;
using System.Text.Json;

namespace TaskCenter.Server.Tests;

/// <summary>Raw JSON over HTTP, so tests see exactly what is on the wire.</summary>
public static class Wire
{
    public static async Task<(HttpStatusCode Status, JsonElement Body)> PostJsonAsync(this HttpClient http, string path, string json, string contentType = "application/json")
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await http.PostAsync(new Uri(path.TrimStart('/'), UriKind.Relative), content);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PatchJsonAsync(this HttpClient http, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PatchAsync(new Uri(path.TrimStart('/'), UriKind.Relative), content);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> PutJsonAsync(this HttpClient http, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        using var response = await http.PutAsync(new Uri(path.TrimStart('/'), UriKind.Relative), content);
        return (response.StatusCode, await ReadAsync(response));
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> DeleteJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.DeleteAsync(new Uri(path.TrimStart('/'), UriKind.Relative));
        return (response.StatusCode, await ReadAsync(response));
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>Asserts the {err, msg} error shape with the given status, and that msg mentions the given text.</summary>
    public static void AssertError((HttpStatusCode Status, JsonElement Body) response, HttpStatusCode status, string mentions)
    {
        Assert.Equal(status, response.Status);
        Assert.Equal((int)status, response.Body.GetProperty("err").GetInt32());
        var msg = response.Body.GetProperty("msg").GetString();
        Assert.Contains(mentions, msg, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"empty body with status {(int)response.StatusCode}");
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }
}
