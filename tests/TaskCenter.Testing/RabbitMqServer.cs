using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;

namespace TaskCenter.Testing;

/// <summary>
/// A throwaway RabbitMQ broker for tests: its own node, folders (mnesia, logs, config, Erlang cookie) in a fresh temp
/// folder, listening on 127.0.0.1 only, on free ports (AMQP, Erlang distribution, and an epmd of its own), stopped and
/// deleted on dispose. <see cref="StopAsync"/> and <see cref="StartAgainAsync"/> take it down and bring it back on the
/// same data and port, for outage tests. The default user guest/guest may log in (from loopback, RabbitMQ's default).
/// </summary>
/// <remarks>
/// <para>Runs Debian's <c>rabbitmq-server</c> package (<c>/usr/lib/rabbitmq/bin/rabbitmq-server</c>, or
/// <c>$TASKCENTER_RABBITMQ_SERVER</c>). As root it runs as the <c>rabbitmq</c> OS user (through <c>setpriv</c>, so the
/// started process is the broker's own script), and the temp folder is handed to that user. No plugin is enabled, so
/// it starts in a few seconds; readiness is an AMQP handshake answered, not a sleep.</para>
/// <para>A process that exits without disposing (returns from Main, SIGTERM) still stops its brokers; one killed with
/// SIGKILL leaves them running, their folders in the temp directory.</para>
/// </remarks>
public sealed class RabbitMqServer : IAsyncDisposable
{
    private const string OsUser = "rabbitmq";
    private const string DefaultServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly DirectoryInfo _root;
    private readonly string _nodeName;
    private readonly int _distributionPort;
    private readonly int _epmdPort;
    private Process? _epmd;
    private Process? _broker;
    private int _disposed;

    private RabbitMqServer(DirectoryInfo root, int port, int distributionPort, int epmdPort)
    {
        _root = root;
        Port = port;
        _distributionPort = distributionPort;
        _epmdPort = epmdPort;
        _nodeName = $"taskcenter{Guid.NewGuid():N}"[..24] + "@localhost";
    }

    /// <summary>The AMQP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The broker's address, with the default user: <c>amqp://guest:guest@127.0.0.1:PORT/</c>.</summary>
    public Uri AmqpUri => new($"amqp://guest:guest@127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");

    /// <summary>The folder of the broker's log files (startup errors end up here).</summary>
    public string LogDirectory => Path.Combine(_root.FullName, "log");

    private static string ServerScript =>
        Environment.GetEnvironmentVariable("TASKCENTER_RABBITMQ_SERVER") is { Length: > 0 } configured ? configured : DefaultServerScript;

    /// <summary>Whether the broker process is running (false between <see cref="StopAsync"/> and <see cref="StartAgainAsync"/>).</summary>
    public bool IsRunning => _broker is { HasExited: false };

    /// <summary>Creates the broker's folders, starts it and waits until it answers AMQP.</summary>
    public static async Task<RabbitMqServer> StartAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(ServerScript))
        {
            throw new InvalidOperationException($"RabbitMQ not found at {ServerScript}; install the rabbitmq-server package or set TASKCENTER_RABBITMQ_SERVER.");
        }

        var ports = Loopback.FreePorts(3);
        var server = new RabbitMqServer(Directory.CreateTempSubdirectory("taskcenter-rabbitmq-"), ports[0], ports[1], ports[2]);
        try
        {
            ProcessExitGuard.Track(server);
            await server.PrepareAsync(cancellationToken);
            server._epmd = server.Launch("epmd", ["-port", server._epmdPort.ToString(CultureInfo.InvariantCulture), "-address", "127.0.0.1"]);
            await server.StartBrokerAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the broker gracefully (as on SIGTERM) and keeps its data and port for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await StopProcessAsync(_broker, cancellationToken);
    }

    /// <summary>Starts a broker stopped by <see cref="StopAsync"/> again, on the same data and port, and waits until it answers AMQP.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (IsRunning)
        {
            throw new InvalidOperationException("The broker is running; stop it first.");
        }

        return StartBrokerAsync(cancellationToken);
    }

    /// <summary>Stops the broker and its epmd and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        ProcessExitGuard.Forget(this);
        await StopProcessAsync(_broker, CancellationToken.None);
        await StopProcessAsync(_epmd, CancellationToken.None);
        _broker?.Dispose();
        _epmd?.Dispose();
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

    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        foreach (var folder in new[] { "home", "mnesia", "log" })
        {
            _root.CreateSubdirectory(folder);
        }

        await File.WriteAllTextAsync(
            Path.Combine(_root.FullName, "rabbitmq.conf"),
            $"""
             listeners.tcp.1 = 127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}
             log.console = false
             log.file.level = info

             """,
            cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "enabled_plugins"), "[].\n", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(_root.FullName, "rabbitmq-env.conf"), string.Empty, cancellationToken);
        var cookie = Path.Combine(_root.FullName, "home", ".erlang.cookie");
        await File.WriteAllTextAsync(cookie, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(cookie, UnixFileMode.UserRead); // Erlang refuses a cookie others can read
        }
        if (Environment.IsPrivilegedProcess)
        {
            await RunToEndAsync("chown", ["-R", $"{OsUser}:{OsUser}", _root.FullName], cancellationToken);
        }
    }

    private async Task StartBrokerAsync(CancellationToken cancellationToken)
    {
        _broker?.Dispose();
        _broker = Launch(ServerScript, []);
        await WaitUntilAmqpAnswersAsync(cancellationToken);
    }

    /// <summary>
    /// Runs <c>rabbitmqctl</c> against this broker (users, virtual hosts, permissions: what an operator sets up) and
    /// returns its output; throws when it fails.
    /// </summary>
    public async Task<string> RunCtlAsync(params string[] arguments)
    {
        using var process = Process.Start(BrokerProcess(Path.Combine(Path.GetDirectoryName(ServerScript)!, "rabbitmqctl"), arguments))
            ?? throw new InvalidOperationException("Could not start rabbitmqctl.");
        var error = process.StandardError.ReadToEndAsync();
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(StopTimeout);
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
    }

    /// <summary>Starts a long-running process of the broker (as the rabbitmq user when root), with the broker's environment.</summary>
    private Process Launch(string file, string[] arguments)
    {
        var process = Process.Start(BrokerProcess(file, arguments)) ?? throw new InvalidOperationException($"Could not start {file}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private ProcessStartInfo BrokerProcess(string file, string[] arguments)
    {
        var asOtherUser = Environment.IsPrivilegedProcess;
        var info = new ProcessStartInfo(asOtherUser ? "setpriv" : file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        string[] command = asOtherUser ? [$"--reuid={OsUser}", $"--regid={OsUser}", "--init-groups", "--", file, .. arguments] : arguments;
        foreach (var argument in command)
        {
            info.ArgumentList.Add(argument);
        }

        var root = _root.FullName;
        info.Environment["HOME"] = Path.Combine(root, "home");
        info.Environment["ERL_EPMD_ADDRESS"] = "127.0.0.1";
        info.Environment["ERL_EPMD_PORT"] = _epmdPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_NODENAME"] = _nodeName;
        info.Environment["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(CultureInfo.InvariantCulture);
        info.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia");
        info.Environment["RABBITMQ_LOG_BASE"] = LogDirectory;
        info.Environment["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq.conf");
        info.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(root, "enabled_plugins");
        info.Environment["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(root, "rabbitmq-env.conf");
        info.Environment["RABBITMQ_PID_FILE"] = Path.Combine(root, "rabbitmq.pid");
        info.Environment["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}";
        return info;
    }

    /// <summary>Waits until the broker answers the AMQP protocol header with connection.start.</summary>
    private async Task WaitUntilAmqpAnswersAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_broker is { HasExited: true } exited)
            {
                throw new InvalidOperationException(
                    $"RabbitMQ exited with {exited.ExitCode} while starting; see the logs in {LogDirectory}.");
            }

            // A method frame (connection.start) answers the protocol header.
            if (await Loopback.AnswersAsync(Port, "AMQP\0\0\x09\x01"u8.ToArray(), 1, answer => answer[0] == 1, cancellationToken))
            {
                return;
            }

            if (waited.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"RabbitMQ did not answer on port {Port} within {StartTimeout}; see the logs in {LogDirectory}.");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Sends SIGTERM (the broker's script stops the node gracefully) and waits; kills the process tree if it takes too long.</summary>
    private static async Task StopProcessAsync(Process? process, CancellationToken cancellationToken)
    {
        if (process is null || process.HasExited)
        {
            return;
        }

        await RunToEndAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task RunToEndAsync(string file, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}");
        }
    }

    /// <summary>Stops the brokers still running when the process exits without disposing them (returns from Main, SIGTERM).</summary>
    private static class ProcessExitGuard
    {
        private static readonly Lock Gate = new();
        private static readonly HashSet<RabbitMqServer> Running = [];
        private static System.Runtime.InteropServices.PosixSignalRegistration? s_sigterm;

        public static void Track(RabbitMqServer server)
        {
            lock (Gate)
            {
                if (s_sigterm is null)
                {
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
                    s_sigterm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
                        System.Runtime.InteropServices.PosixSignal.SIGTERM, _ => StopAll());
                }

                Running.Add(server);
            }
        }

        public static void Forget(RabbitMqServer server)
        {
            lock (Gate)
            {
                Running.Remove(server);
            }
        }

        private static void StopAll()
        {
            RabbitMqServer[] running;
            lock (Gate)
            {
                running = [.. Running];
            }

            foreach (var server in running)
            {
                server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
