using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using TaskCenter.Core.Storage;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.Notifications;

/// <summary>
/// Keeps one connection LISTENing to the schema's channels, so what another instance commits wakes this one: ready
/// queue messages wake long-polling consumers (<paramref name="messagesReady"/>), a new task's next fire wakes the
/// engine early (<paramref name="taskScheduled"/>). When the connection drops it reconnects with backoff, logging once
/// per outage; notifications sent meanwhile are lost, so a reconnect counts as "messages ready".
/// </summary>
internal sealed class PostgresNotificationListener(
    PostgresDatabase db, StorageReadiness readiness, Action messagesReady, Action<DateTimeOffset> taskScheduled, ILogger logger)
    : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    /// <summary>Raised each time LISTEN is in place (first connection and every reconnect).</summary>
    internal event Action? Listening;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Until the storage is ready the initializer reports the database's state; nothing can be notified before.
        await readiness.WhenReadyAsync(stoppingToken);
        var backoff = FirstBackoff;
        long? outageSince = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await db.OpenListenerAsync(stoppingToken);
                connection.Notification += OnNotification;
                await using (var listen = connection.Command($"LISTEN \"{db.Channels.Queue}\"; LISTEN \"{db.Channels.Tasks}\""))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (outageSince is { } since)
                {
                    logger.LogInformation("Listening to PostgreSQL notifications again after {Outage}", Stopwatch.GetElapsedTime(since));
                    outageSince = null;
                    messagesReady();
                }

                backoff = FirstBackoff;
                Listening?.Invoke();
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is StorageUnavailableException or NpgsqlException or IOException)
            {
                if (outageSince is null)
                {
                    // This connection is the instance's canary: the pooled ones most likely broke with it.
                    db.ClearPool();
                    outageSince = Stopwatch.GetTimestamp();
                    logger.LogWarning(
                        "Lost the PostgreSQL notification connection ({Error}); other instances' fires reach this one late until it is back. Reconnecting",
                        exception.Message);
                }

                await Task.Delay(backoff, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, backoff.Ticks * 2));
            }
        }
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs notification)
    {
        if (notification.Channel == db.Channels.Queue)
        {
            messagesReady();
        }
        else if (notification.Channel == db.Channels.Tasks
            && long.TryParse(notification.Payload, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var fireAtMs))
        {
            taskScheduled(UnixTime.FromUnixMs(fireAtMs));
        }
    }
}
