using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using TaskCenter.Benchmarks.Systems;

namespace TaskCenter.Benchmarks.Peers;

/// <summary>
/// The Node.js half of <see cref="BullMqPeer"/>: <c>bench/bullmq/peer.js</c>, a BullMQ Queue and Worker in one process,
/// driven over JSON lines on its stdin and stdout (the protocol is at the top of peer.js). A call returns when the peer
/// answered its command, i.e. when BullMQ's <c>Queue.add</c> (or <c>upsertJobScheduler</c>) resolved; each job start
/// goes to the <see cref="FireLog"/> with the start time the worker's handler took.
/// </summary>
/// <remarks>
/// The pipe is kept out of the figures as far as it goes: a caller writes its command itself (no writer thread to
/// wake), and one thread reads the answers and completes the calls on the spot, so a producer's next call is sent from
/// that thread without another hand-off. That is safe because the harness's callers only record a figure and call
/// again, and they have at most a few commands in flight, far from filling the pipe while the peer writes to the other
/// one.
/// </remarks>
internal sealed class BullMqProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly Process _process;
    private readonly FireLog _log;
    private readonly Lock _writing = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _calls = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _readerDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentQueue<string> _lastErrors = new();
    private bool _inputClosed;
    private long _lastId;

    private BullMqProcess(Process process, FireLog log)
    {
        _process = process;
        _log = log;
        _process.ErrorDataReceived += (_, line) => KeepError(line.Data);
        _process.BeginErrorReadLine();
        _process.StandardInput.AutoFlush = false;
        new Thread(Read) { IsBackground = true, Name = "BullMQ peer reader" }.Start();
    }

    public int ProcessId => _process.Id;

    /// <summary>Starts <c>node peer.js</c> in <paramref name="folder"/> on the Redis at <paramref name="redisPort"/> and returns once it is connected.</summary>
    public static async Task<BullMqProcess> StartAsync(string folder, int redisPort, int concurrency, FireLog log, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "peer.js", "--port", Text(redisPort), "--concurrency", Text(concurrency) })
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("Could not start node.");
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"Node.js (node, 20 or later) is not on the PATH: {exception.Message}", exception);
        }

        var peer = new BullMqProcess(process, log);
        try
        {
            await peer._ready.Task.WaitAsync(StartTimeout, cancellationToken);
            return peer;
        }
        catch
        {
            await peer.DisposeAsync();
            throw;
        }
    }

    /// <summary>Adds a delayed job: <paramref name="job"/> due at <paramref name="at"/>.</summary>
    public Task OnceAsync(int job, DateTimeOffset at, CancellationToken cancellationToken) =>
        CallAsync(id => new Command("once", id, job) { At = at.ToUnixTimeMilliseconds() }, cancellationToken);

    /// <summary>Upserts a job scheduler: <paramref name="job"/> every <paramref name="interval"/> from <paramref name="firstAt"/>, <paramref name="count"/> times.</summary>
    public Task EveryAsync(int job, DateTimeOffset firstAt, TimeSpan interval, int count, CancellationToken cancellationToken) =>
        CallAsync(
            id => new Command("every", id, job) { First = firstAt.ToUnixTimeMilliseconds(), Every = (long)interval.TotalMilliseconds, Count = count },
            cancellationToken);

    /// <summary>Asks the peer to close its worker (running handlers finish) and queue, and waits until it exited.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            Send("""{"op":"stop"}""", closeAfter: true);
        }
        catch (InvalidOperationException)
        {
            // Already stopping, or gone: the wait below ends at once.
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StopTimeout);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        await _process.WaitForExitAsync();
        await _readerDone.Task;
        _process.Dispose();
    }

    private Task CallAsync(Func<long, Command> command, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _lastId);

        // Completed on the reader thread, and continued there (see the remarks).
        var call = new TaskCompletionSource();
        _calls[id] = call;
        try
        {
            Send(JsonSerializer.Serialize(command(id), Json), closeAfter: false);
        }
        catch
        {
            _calls.TryRemove(id, out _);
            throw;
        }

        return call.Task.WaitAsync(cancellationToken);
    }

    private void Send(string line, bool closeAfter)
    {
        lock (_writing)
        {
            if (_inputClosed)
            {
                throw new InvalidOperationException("The BullMQ peer is stopping.");
            }

            var input = _process.StandardInput;
            try
            {
                input.Write(line);
                input.Write('\n');
                input.Flush();
                if (closeAfter)
                {
                    _inputClosed = true;
                    input.Close();
                }
            }
            catch (IOException exception)
            {
                _inputClosed = true;
                throw new InvalidOperationException($"The BullMQ peer is gone: {string.Join(" | ", _lastErrors)}", exception);
            }
        }
    }

    private void Read()
    {
        try
        {
            ReadLines();

            // The peer exited: whatever waits on it learns why.
            _process.WaitForExit();
            var gone = new InvalidOperationException($"The BullMQ peer exited with {_process.ExitCode}: {string.Join(" | ", _lastErrors)}");
            _ready.TrySetException(gone);
            foreach (var id in _calls.Keys)
            {
                Complete(id, gone);
            }
        }
        finally
        {
            _readerDone.TrySetResult();
        }
    }

    private void ReadLines()
    {
        try
        {
            while (_process.StandardOutput.ReadLine() is { } line)
            {
                Handle(line);
            }
        }
        catch (IOException)
        {
            // The pipe broke: the peer is gone, as at the end of its output.
        }
    }

    private void Handle(string line)
    {
        if (Parse(line) is not { } answer)
        {
            KeepError(line);
            return;
        }

        switch (answer.Op)
        {
            case "start":
                _log.Record(answer.Job, FromUnixMs(answer.Due), FromUnixMs(answer.T));
                break;
            case "done":
                Complete(answer.Id, null);
                break;
            case "failed":
                Complete(answer.Id, new InvalidOperationException($"BullMQ: {answer.Error}"));
                break;
            case "ready":
                _ready.TrySetResult();
                break;
        }
    }

    private static Answer? Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<Answer>(line, Json);
        }
        catch (JsonException)
        {
            return null; // not one of the peer's lines (a library printing to stdout)
        }
    }

    private void Complete(long id, Exception? failure)
    {
        if (_calls.TryRemove(id, out var call))
        {
            _ = failure is null ? call.TrySetResult() : call.TrySetException(failure);
        }
    }

    private void KeepError(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lastErrors.Enqueue(line);
        while (_lastErrors.Count > 10 && _lastErrors.TryDequeue(out _))
        {
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Unix time in ms, with a fractional part, as a DateTimeOffset (to the tick).</summary>
    private static DateTimeOffset FromUnixMs(double milliseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(milliseconds * TimeSpan.TicksPerMillisecond));

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A line to the peer.</summary>
    private sealed record Command(string Op, long Id, int Job)
    {
        public long? At { get; init; }

        public long? First { get; init; }

        public long? Every { get; init; }

        public int? Count { get; init; }
    }

    /// <summary>A line from the peer; the fields its op does not use are zero.</summary>
    private sealed record Answer(string Op, long Id, int Job, double Due, double T, string? Error);
}
