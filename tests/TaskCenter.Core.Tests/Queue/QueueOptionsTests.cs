using TaskCenter.Core.Queue;

namespace TaskCenter.Core.Tests.Queue;

public class QueueOptionsTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Kept_fires_and_history_reach_back_their_retention_from_now()
    {
        var options = new QueueOptions { UnroutedRetention = TimeSpan.FromHours(2), FireHistoryRetention = TimeSpan.FromDays(1) };

        Assert.Equal((Now.AddHours(-2), Now.AddDays(-1)), (options.UnroutedKeptSince(Now), options.HistoryKeptSince(Now)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(3, false)]
    [InlineData(4, true)]
    public void A_message_uses_up_its_attempts_after_the_first_delivery_and_every_retry(int attempts, bool usedUp) =>
        Assert.Equal(usedUp, new QueueOptions { MaxRetries = 3 }.AttemptsUsedUp(attempts));

    [Fact]
    public void Without_delays_a_retry_comes_at_once() =>
        Assert.Equal(TimeSpan.Zero, new QueueOptions { RetryDelays = [] }.DelayBeforeRetry(1));
}
