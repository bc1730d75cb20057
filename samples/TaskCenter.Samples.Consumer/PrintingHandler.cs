using System.Globalization;
using TaskCenter.Client;

namespace TaskCenter.Samples.Consumer;

/// <summary>Prints each message; throws when its data contains "fail", so the server retries it.</summary>
internal sealed class PrintingHandler : ITaskHandler
{
    /// <inheritdoc />
    public async Task HandleAsync(TaskMessageContext context, CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss.fff} name={context.Name} taskid={context.TaskId} msgid={context.MsgId} " +
            $"attempt={context.Attempt} fire_time={context.FireTime:yyyy-MM-dd HH:mm:ss}Z data={context.Data}"));

        if (context.Data.Contains("fail", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the data contains \"fail\" (attempt {context.Attempt}); the server will retry it");
        }

        if (context.RequiresExplicitAck)
        {
            // The task was added with ack: true, so returning alone would not acknowledge it.
            var acked = await context.AckAsync(cancellationToken);
            Console.WriteLine($"  explicitly acked: {acked}");
        }
    }
}
