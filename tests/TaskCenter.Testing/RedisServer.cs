using System.Diagnostics;
using System.Globalization;

namespace TaskCenter.Testing;

/// <summary>
/// A throwaway Redis server for benchmarks: Debian's <c>redis-server</c> listening on 127.0.0.1 only (never another
/// address) on a free port, its data in a fresh temp folder, stopped and deleted on dispose.
/// </summary>
/// <remarks>
/// <para>Durability is Redis's durable setting as its documentation describes it: the append-only file on
/// (<c>appendonly yes</c>) with <c>appendfsync everysec</c>, its default fsync policy: writes go to the file as they
/// are answered and are fsynced about once a second, so a power loss can lose the last second or so (up to two while a
/// slow fsync holds the writes back). No RDB snapshots (<c>save ""</c>): the AOF is the record. Everything else is
/// Redis's default; <c>settings</c> given to <see cref="StartAsync"/> come after these.</para>
/// <para>The binary is <c>$TASKCENTER_REDIS_SERVER</c>, else <c>redis-server</c> from /usr/bin. It runs as a child of
/// this process; once this process is gone, however it ended, a <see cref="Reaper"/> stops it and deletes the folder
/// (the folder names come from Directory.CreateTempSubdirectory: no quotes in them).</para>
/// </remarks>
public sealed class RedisServer : IAsyncDisposable
{
    private const string DefaultBinary = "/usr/bin/redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly DirectoryInfo _root;
    private Process? _process;
    private int _disposed;

    private RedisServer(DirectoryInfo root, int port)
    {
        _root = root;
        Port = port;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The redis-server process (for its memory).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException("The server is not started.");

    /// <summary>Redis's working folder (its append-only files are in appendonlydir/).</summary>
    public string DataDirectory => _root.FullName;

    /// <summary>The server's log file (startup errors end up here).</summary>
    public string LogFile => Path.Combine(_root.FullName, "redis.log");

    private static string Binary =>
        Environment.GetEnvironmentVariable("TASKCENTER_REDIS_SERVER") is { Length: > 0 } configured ? configured : DefaultBinary;

    /// <summary>Starts a server on an empty folder and waits until it answers PING.</summary>
    /// <param name="settings">More configuration directives, as <c>("hz", "100")</c>; they override the ones above.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static Task<RedisServer> StartAsync(IReadOnlyList<(string Name, string Value)>? settings = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException(
                $"redis-server not found at {Binary}; install Debian's redis-server package (scripts/install-test-dependencies.sh does) or set TASKCENTER_REDIS_SERVER.");
        }

        return Loopback.StartOnFreePortAsync(
            port => new RedisServer(Directory.CreateTempSubdirectory("taskcenter-redis-"), port),
            server => server.LaunchAsync(settings ?? [], cancellationToken));
    }

    /// <summary>Stops the server (it is throwaway: no final fsync is awaited) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_process is not null)
        {
            try
            {
                _process.Kill();
                await _process.WaitForExitAsync().WaitAsync(StopTimeout);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            _process.Dispose();
        }

        try
        {
            _root.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder must not fail the run that is shutting down.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private async Task LaunchAsync(IReadOnlyList<(string Name, string Value)> settings, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(Binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        (string, string)[] loopbackAndDurable =
        [
            ("bind", "127.0.0.1"),
            ("port", Port.ToString(CultureInfo.InvariantCulture)),
            ("protected-mode", "yes"),
            ("dir", _root.FullName),
            ("logfile", LogFile),
            ("daemonize", "no"),
            ("appendonly", "yes"),
            ("appendfsync", "everysec"),
            ("save", ""),
        ];
        foreach (var (name, value) in loopbackAndDurable.Concat(settings))
        {
            info.ArgumentList.Add("--" + name);
            info.ArgumentList.Add(value);
        }

        var process = _process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Binary}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        // Only while the folder is there: once disposed, the process id may belong to another process.
        var pid = process.Id.ToString(CultureInfo.InvariantCulture);
        Reaper.WhenGone($"[ -d '{_root.FullName}' ] && kill -9 {pid}; rm -rf '{_root.FullName}'");
        await WaitUntilReadyAsync(process, cancellationToken);
    }

    private async Task WaitUntilReadyAsync(Process process, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (!await Loopback.AnswersAsync(Port, "PING\r\n"u8.ToArray(), 7, answer => answer.AsSpan().SequenceEqual("+PONG\r\n"u8), cancellationToken))
        {
            if (process.HasExited)
            {
                var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : "";
                throw new InvalidOperationException($"redis-server exited with {process.ExitCode} while starting: {log}");
            }

            if (waited.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"redis-server did not answer on port {Port} within {StartTimeout}; see {LogFile}.");
            }

            await Task.Delay(20, cancellationToken);
        }
    }
}
