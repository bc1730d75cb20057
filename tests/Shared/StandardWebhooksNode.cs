using System.Diagnostics;
using System.Text.Json;

namespace TaskCenter.Testing;

/// <summary>
/// An independent Standard Webhooks implementation to check TaskCenter's signatures against: the npm standardwebhooks
/// package, run by tests/interop/webhooks/signature.js (installed by scripts/install-test-dependencies.sh).
/// </summary>
public static class StandardWebhooksNode
{
    /// <summary>Whether the package verifies the request (its error when not).</summary>
    public static async Task<(bool Ok, string? Error)> VerifyAsync(string secret, string id, string timestamp, string signature, string body)
    {
        var answer = await RunAsync(new { op = "verify", secret, id, timestamp, signature, body });
        return (answer.GetProperty("ok").GetBoolean(), answer.TryGetProperty("error", out var error) ? error.GetString() : null);
    }

    /// <summary>The package's signature of the message.</summary>
    public static async Task<string> SignAsync(string secret, string id, long timestamp, string body) =>
        (await RunAsync(new { op = "sign", secret, id, timestamp, body })).GetProperty("signature").GetString()!;

    private static async Task<JsonElement> RunAsync(object command)
    {
        var folder = Path.Combine(RepositoryFolder.Root, "tests", "interop", "webhooks");
        Assert.True(
            Directory.Exists(Path.Combine(folder, "node_modules", "standardwebhooks")),
            "tests/interop/webhooks has no node_modules: run scripts/install-test-dependencies.sh");
        var info = new ProcessStartInfo("node", [Path.Combine(folder, "signature.js")])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(info)!;
        await node.StandardInput.WriteAsync(JsonSerializer.Serialize(command));
        node.StandardInput.Close();
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().OrTimeout();
        Assert.True(node.ExitCode == 0, $"node failed: {await errors}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
