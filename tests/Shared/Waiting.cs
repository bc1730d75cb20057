using System.Threading.Channels;

namespace TaskCenter.Testing;

/// <summary>Awaiting events signalled by handlers, with a generous guard so a broken test fails instead of hanging.</summary>
public static class Waiting
{
    public static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    public static Task OrTimeout(this Task task) => task.WaitAsync(Guard);

    public static Task<T> OrTimeout<T>(this Task<T> task) => task.WaitAsync(Guard);

    /// <summary>The next item written to the channel.</summary>
    public static Task<T> NextAsync<T>(this Channel<T> channel) => channel.Reader.ReadAsync().AsTask().OrTimeout();

    /// <summary>The next <paramref name="count"/> items written to the channel.</summary>
    public static async Task<List<T>> NextAsync<T>(this Channel<T> channel, int count)
    {
        var items = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            items.Add(await channel.NextAsync());
        }

        return items;
    }

    /// <summary>
    /// Reads state until it satisfies <paramref name="until"/>: for changes nothing signals (e.g. a queue's length, or
    /// the consumer's failure report made a message a dead letter).
    /// </summary>
    public static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> until)
    {
        using var guard = new CancellationTokenSource(Guard);
        while (true)
        {
            var value = await read();
            if (until(value))
            {
                return value;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), guard.Token);
        }
    }

    public static Channel<T> NewChannel<T>() => Channel.CreateUnbounded<T>();
}
