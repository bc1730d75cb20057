using System.Net;
using System.Net.Sockets;

namespace TaskCenter.Testing;

/// <summary>What the throwaway servers share about 127.0.0.1: free ports, starting on one, and asking whether a port answers.</summary>
internal static class Loopback
{
    private const int StartAttempts = 3;

    /// <summary><paramref name="count"/> different ports free on 127.0.0.1 now.</summary>
    public static int[] FreePorts(int count)
    {
        // All listeners stay open until every port is known, so the ports differ.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return [.. listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port)];
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    /// <summary>
    /// Creates a server on a free port and starts it; when starting fails with an
    /// <see cref="InvalidOperationException"/> (most likely the port was taken between probing and binding) disposes it
    /// and tries again on a new port, up to three times. A server that fails to start is disposed before the failure is
    /// thrown.
    /// </summary>
    public static async Task<TServer> StartOnFreePortAsync<TServer>(Func<int, TServer> create, Func<TServer, Task> start)
        where TServer : IAsyncDisposable
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = create(FreePorts(1)[0]);
            try
            {
                await start(server);
                return server;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Whether something on <paramref name="port"/> answers <paramref name="greeting"/> with
    /// <paramref name="answerLength"/> bytes that <paramref name="isExpected"/> accepts, within 5 s; false when nothing
    /// listens yet or it answers otherwise.
    /// </summary>
    public static async Task<bool> AnswersAsync(
        int port, byte[] greeting, int answerLength, Func<byte[], bool> isExpected, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, attempt.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(greeting, attempt.Token);
            var answer = new byte[answerLength];
            var read = await stream.ReadAtLeastAsync(answer, answerLength, throwOnEndOfStream: false, attempt.Token);
            return read == answerLength && isExpected(answer);
        }
        catch (Exception ex) when (ex is SocketException or IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
