using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace TaskCenter.Server.Tests.Security;

/// <summary>A raw HTTP call with an optional API key, returning what tests check: status, JSON body and headers.</summary>
public sealed record KeyedResponse(HttpStatusCode Status, JsonElement Body, HttpResponseHeaders Headers)
{
    public (HttpStatusCode, JsonElement) AsTuple() => (Status, Body);
}

public static class KeyedRequests
{
    public static async Task<KeyedResponse> SendAsync(this HttpClient http, string method, string path, string? json, string? apiKey)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path.TrimStart('/'), UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(text.Length > 0, $"empty body with status {(int)response.StatusCode}");
        using var document = JsonDocument.Parse(text);
        return new KeyedResponse(response.StatusCode, document.RootElement.Clone(), response.Headers);
    }
}
