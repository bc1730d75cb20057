using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Npgsql;

namespace TaskCenter.Testing;

/// <summary>
/// A throwaway PostgreSQL server for benchmarks and tests: initdb into a fresh temp folder, listening on 127.0.0.1 only
/// (never another address) on a free port, stopped and deleted on dispose. Each system under test gets its own empty
/// database from <see cref="CreateDatabaseAsync"/>. <see cref="StopAsync"/> and <see cref="StartAgainAsync"/> take it
/// down and bring it back on the same data folder and port, for outage tests.
/// </summary>
/// <remarks>
/// <para>Durability is left at PostgreSQL's defaults (fsync on, synchronous_commit on), so durable peers pay a real
/// commit, as the durable TaskCenter configurations do.</para>
/// <para>initdb and postgres refuse to run as root; as root they run as the <c>postgres</c> OS user through
/// <c>runuser</c>, and the temp folder is handed to that user (so the temp directory, <c>$TMPDIR</c> or /tmp, must be
/// reachable by it). The binaries are looked up in
/// <c>$TASKCENTER_PG_BIN</c>, then <c>/usr/lib/postgresql/15/bin</c>, then any other installed version.</para>
/// <para>The superuser is <c>postgres</c> with a random password (TCP logins use scram-sha-256); the Unix socket
/// lives in the temp folder and trusts local logins. A process that exits without disposing (returns from Main,
/// Ctrl+C, SIGTERM) still stops its servers; and once it is gone, however it ended (killed by its test host, SIGKILL), a
/// detached shell stops what is left and deletes the folder (<see cref="PostgresLeftovers"/>).</para>
/// </remarks>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string OsUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<PostgresServer, byte> s_running = new();
    private static readonly Lock s_gate = new();
    private static PosixSignalRegistration? s_sigterm;

    private readonly string _binDirectory;
    private readonly DirectoryInfo _root;
    private readonly string _dataDirectory;
    private int _disposed;

    private PostgresServer(string binDirectory, DirectoryInfo root, int port, string password)
    {
        _binDirectory = binDirectory;
        _root = root;
        _dataDirectory = Path.Combine(root.FullName, "data");
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = OsUser,
            Password = password,
            Database = "postgres",
        }.ConnectionString;
    }

    /// <summary>The TCP port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Superuser connection string to the <c>postgres</c> maintenance database.</summary>
    public string ConnectionString { get; }

    /// <summary>The server's log file (startup errors and slow-query noise end up here).</summary>
    public string LogFile => Path.Combine(_root.FullName, "postgres.log");

    /// <summary>Creates the cluster, starts it and waits until it accepts connections.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinDirectory();
        PostgresLeftovers.SweepOnce();
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return await Loopback.StartOnFreePortAsync(
            port => new PostgresServer(bin, Directory.CreateTempSubdirectory(PostgresLeftovers.FolderPrefix), port, password),
            server =>
            {
                Track(server);
                return server.InitAndStartAsync(password, cancellationToken);
            });
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    /// <param name="name">Lower-case letters, digits and underscores, starting with a letter.</param>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"Database name '{name}' must match {DatabaseName()}.", nameof(name));
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Stops the server and deletes its folder. The shutdown is immediate (no checkpoint: nothing in the folder is kept),
    /// so a process that must exit soon, such as a test host, gets to the deletion.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        s_running.TryRemove(this, out _);
        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            await TryRunAsync(PgCtl, ["stop", "-D", _dataDirectory, "-m", "immediate", "-w", "-t", "30"]);
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

    private string PgCtl => Path.Combine(_binDirectory, "pg_ctl");

    /// <summary>
    /// Makes a process that exits without disposing (returns from Main, Ctrl+C, or SIGTERM, e.g. from <c>timeout</c>,
    /// which skips ProcessExit in a host-less app) still stop its servers. The SIGTERM handler does not cancel the
    /// signal: the process still terminates afterwards.
    /// </summary>
    private static void Track(PostgresServer server)
    {
        lock (s_gate)
        {
            if (s_sigterm is null)
            {
                AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
                s_sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => StopAll());
            }
        }

        s_running.TryAdd(server, 0);
    }

    private static void StopAll()
    {
        foreach (var server in s_running.Keys)
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    private async Task InitAndStartAsync(string password, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(_root.FullName, "pwfile");
        await File.WriteAllTextAsync(passwordFile, password + "\n", cancellationToken);
        if (Environment.IsPrivilegedProcess)
        {
            await RunAsync("chown", ["-R", $"{OsUser}:", _root.FullName], asPostgres: false, cancellationToken);
        }

        PostgresLeftovers.ReapWhenGone(_root.FullName, _dataDirectory, PgCtl, Environment.IsPrivilegedProcess ? OsUser : null);

        await RunAsync(
            Path.Combine(_binDirectory, "initdb"),
            ["-D", _dataDirectory, "-U", OsUser, "--pwfile", passwordFile, "--auth-host=scram-sha-256",
                "--auth-local=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
            asPostgres: true,
            cancellationToken);
        File.Delete(passwordFile);

        await StartServerAsync(cancellationToken);
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended) and keeps its data folder and port for <see cref="StartAgainAsync"/>.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await RunAsync(PgCtl, ["stop", "-D", _dataDirectory, "-m", "fast", "-w", "-t", "30"], asPostgres: true, cancellationToken);
    }

    /// <summary>Starts a server stopped by <see cref="StopAsync"/> again, on the same data folder and port, and waits until it accepts connections.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return StartServerAsync(cancellationToken);
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        // Everything on the command line, so the generated postgresql.conf stays untouched. pg_ctl passes -o through
        // a shell: the temp path has no spaces or quotes (Directory.CreateTempSubdirectory), so no quoting is needed.
        string[] settings =
        [
            "listen_addresses=127.0.0.1",
            $"port={Port}",
            $"unix_socket_directories={_root.FullName}",
            "fsync=on",
            "synchronous_commit=on",
            "shared_buffers=256MB",
            "max_connections=200",
        ];
        var options = string.Join(' ', settings.Select(s => "-c " + s));
        var waitSeconds = ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await RunAsync(
            PgCtl,
            ["start", "-D", _dataDirectory, "-l", LogFile, "-w", "-t", waitSeconds, "-o", options],
            asPostgres: true,
            cancellationToken);
        await WaitUntilAcceptingAsync(cancellationToken);
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < StartTimeout)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Runs a tool as <see cref="RunAsync"/> does; a failure is ignored (the server is going away anyway).</summary>
    private static async Task TryRunAsync(string file, string[] arguments)
    {
        try
        {
            await RunAsync(file, arguments, asPostgres: true, CancellationToken.None);
        }
        catch (InvalidOperationException)
        {
            // Already stopped, or stopping failed: the folder is deleted all the same.
        }
    }

    /// <summary>Runs a tool to completion (at most two minutes); throws with its output when it fails.</summary>
    private static async Task RunAsync(string file, string[] arguments, bool asPostgres, CancellationToken cancellationToken)
    {
        var asOtherUser = asPostgres && Environment.IsPrivilegedProcess;
        var info = new ProcessStartInfo(asOtherUser ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in asOtherUser ? ["-u", OsUser, "--", file, .. arguments] : arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }

    private static string FindBinDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("TASKCENTER_PG_BIN") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        candidates.Add("/usr/lib/postgresql/15/bin");
        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").Order().Reverse().Select(d => Path.Combine(d, "bin")));
        }

        return candidates.FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            ?? throw new InvalidOperationException(
                "PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql-15 or set TASKCENTER_PG_BIN.");
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
