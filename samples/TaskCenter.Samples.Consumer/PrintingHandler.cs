using System.Globalization;
using TaskCenter.Client.Consumer;
using TaskCenter.Client.Hosting;

namespace TaskCenter.Samples.Consumer;

/// <summary>Prints each message; throws when its data contains "fail", so the server retries it.</summary>
internal sealed class PrintingHandler : ITaskHandler
{
    /// <inheritdoc />
    public async Task HandleAsync(TaskMessageContext context, CancellationToken cancellationToken)
    {
        Console.WriteLine(
            $"{Iso(DateTimeOffset.UtcNow)} name={context.Name} taskid={context.TaskId} msgid={context.MsgId} " +
            $"attempt={context.Attempt} fire_time={Iso(context.FireTime)} data={context.Data}");

        if (context.Data.Contains("fail", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the data contains \"fail\"");
        }

        if (context.RequiresExplicitAck)
        {
            // The task was added with ack: true, so returning alone would not acknowledge it.
            var acked = await context.AckAsync(cancellationToken);
            Console.WriteLine($"  explicitly acked: {acked}");
        }
    }

    /// <summary>ISO-8601 in UTC, to the millisecond: the times this sample prints.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
