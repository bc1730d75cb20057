using System.Net;
using System.Reflection;
using TaskCenter.Client.AspNetCore.Tests.Support;
using TaskCenter.Contracts;
using TaskCenter.Testing;

namespace TaskCenter.Client.AspNetCore.Tests;

/// <summary>samples/TaskCenter.Samples.PushReceiver as a process of its own, run from its build output as a user runs it.</summary>
public sealed class SamplePushReceiverTests
{
    private static readonly string Dll = Path.GetFullPath(typeof(SamplePushReceiverTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "SamplePushReceiverDll").Value!);

    [Fact]
    public async Task The_sample_prints_each_message_and_fails_the_first_n_requests_so_the_server_retries_them()
    {
        var secret = WebhookSignature.NewSecret();
        var key = WebhookSignature.ReadKey(secret, out _)!;
        await using var sample = ChildProcess.Start(
            "dotnet", [Dll, "--urls", "http://127.0.0.1:0", "--fail", "1"],
            environment: new Dictionary<string, string?> { ["TASKCENTER_WEBHOOK_SECRET"] = secret });
        var listening = (await sample.ReadUntilAsync("Receiving pushes at "))[^1];
        var hook = new Uri(listening[(listening.IndexOf("http", StringComparison.Ordinal))..]);
        using var http = new HttpClient();

        using var first = await http.SendAsync(SignedPush.Create(hook.ToString(), "{\"invoice\":\"A-17\"}", "msg-1", key, attempt: 1));
        using var retry = await http.SendAsync(SignedPush.Create(hook.ToString(), "{\"invoice\":\"A-17\"}", "msg-1", key, attempt: 2));
        using var unsigned = await http.SendAsync(SignedPush.Create(hook.ToString(), "x", "msg-2", WebhookSignature.ReadKey(WebhookSignature.NewSecret(), out _)!));

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);
        await sample.ReadUntilAsync("msg-1 invoice attempt 1 (failing it): {\"invoice\":\"A-17\"}");
        await sample.ReadUntilAsync("msg-1 invoice attempt 2: {\"invoice\":\"A-17\"}");
        Assert.DoesNotContain("msg-2", sample.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_secret_the_sample_says_which_variable_to_set_and_exits()
    {
        var (exitCode, lines) = await ChildProcess.RunAsync(
            "dotnet", [Dll], TimeSpan.FromMinutes(1), environment: new Dictionary<string, string?> { ["TASKCENTER_WEBHOOK_SECRET"] = null });

        Assert.Equal(2, exitCode);
        Assert.Contains(lines, line => line.Contains("TASKCENTER_WEBHOOK_SECRET", StringComparison.Ordinal));
    }
}
