using System.Net;
using Microsoft.Extensions.Time.Testing;
using TaskCenter.Server.Push;

namespace TaskCenter.Server.Tests.Push;

/// <summary>A target that keeps failing is left alone for a while, then probed, and used again once it answers.</summary>
public sealed class PushCircuitTests
{
    private static readonly PushOutcome Down = new PushOutcome.Failed("request failed: Connection refused");
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(30);
    private static readonly PushOutcome Up = new PushOutcome.Delivered(HttpStatusCode.NoContent);

    [Fact]
    public async Task It_opens_after_the_failures_sends_nothing_while_open_and_closes_when_a_probe_succeeds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_767_225_600));
        var circuit = new PushCircuit(time, BreakDuration);
        var sent = 0;
        ValueTask<PushOutcome> Push(PushOutcome answer)
        {
            sent++;
            return ValueTask.FromResult(answer);
        }

        for (var i = 0; i < PushCircuit.FailuresToOpen; i++)
        {
            Assert.Equal(Down, await circuit.SendAsync(_ => Push(Down), CancellationToken.None));
        }

        Assert.True(circuit.IsOpen);
        Assert.Equal("request failed: Connection refused", circuit.LastError);
        Assert.Null(await circuit.SendAsync(_ => Push(Up), CancellationToken.None));
        Assert.Equal(PushCircuit.FailuresToOpen, sent);

        time.Advance(BreakDuration);
        Assert.Equal(Up, await circuit.SendAsync(_ => Push(Up), CancellationToken.None));

        Assert.False(circuit.IsOpen);
        Assert.Null(circuit.LastError);
        Assert.Equal(PushCircuit.FailuresToOpen + 1, sent);
    }

    [Fact]
    public async Task A_success_among_the_failures_keeps_it_closed()
    {
        var circuit = new PushCircuit(new FakeTimeProvider(), BreakDuration);
        for (var i = 0; i < PushCircuit.FailuresToOpen * 2; i++)
        {
            await circuit.SendAsync(_ => ValueTask.FromResult(i % 3 == 0 ? Up : Down), CancellationToken.None);
        }

        Assert.False(circuit.IsOpen);
    }
}
