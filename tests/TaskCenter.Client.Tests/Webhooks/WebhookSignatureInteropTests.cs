using System.Diagnostics;
using System.Text;
using System.Text.Json;
using TaskCenter.Contracts;
using TaskCenter.Testing;

namespace TaskCenter.Client.Tests.Webhooks;

/// <summary>
/// TaskCenter's push signatures against an independent implementation, the npm standardwebhooks package
/// (tests/interop/webhooks/signature.js): each verifies what the other signed.
/// </summary>
public sealed class WebhookSignatureInteropTests
{
    private const string Body = """{"invoice":"A-17","lines":[1,2,3],"note":"Grüße – ✓"}""";

    [Fact]
    public async Task The_npm_standardwebhooks_package_verifies_a_signature_made_here()
    {
        var secret = WebhookSignature.NewSecret();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(Key(secret), "msg-1", timestamp, Encoding.UTF8.GetBytes(Body));

        var answer = await RunAsync(new { op = "verify", secret, id = "msg-1", timestamp = $"{timestamp}", signature, body = Body });

        Assert.True(answer.GetProperty("ok").GetBoolean(), answer.ToString());
    }

    [Fact]
    public async Task The_npm_standardwebhooks_package_refuses_a_signature_of_another_body()
    {
        var secret = WebhookSignature.NewSecret();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(Key(secret), "msg-1", timestamp, Encoding.UTF8.GetBytes(Body));

        var answer = await RunAsync(new { op = "verify", secret, id = "msg-1", timestamp = $"{timestamp}", signature, body = Body + " " });

        Assert.False(answer.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task A_signature_made_by_the_npm_standardwebhooks_package_verifies_here()
    {
        var secret = WebhookSignature.NewSecret();
        var now = DateTimeOffset.UtcNow;

        var answer = await RunAsync(new { op = "sign", secret, id = "msg-2", timestamp = now.ToUnixTimeSeconds(), body = Body });

        Assert.True(WebhookSignature.Verify(
            Key(secret), "msg-2", $"{now.ToUnixTimeSeconds()}", answer.GetProperty("signature").GetString()!, Encoding.UTF8.GetBytes(Body), now,
            WebhookSignature.DefaultTolerance));
    }

    private static byte[] Key(string secret) => WebhookSignature.ReadKey(secret, out var problem) ?? throw new InvalidOperationException(problem);

    /// <summary>Runs signature.js with one command; its dependencies are installed by scripts/install-test-dependencies.sh.</summary>
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
