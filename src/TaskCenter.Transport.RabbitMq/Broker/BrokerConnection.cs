using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using TaskCenter.RabbitMq.Contract;

namespace TaskCenter.Transport.RabbitMq.Broker;

/// <summary>
/// The server's one connection to RabbitMQ, shared by the publisher, the dead-letter drain and the unrouted re-offer,
/// each on channels of its own. Connects on demand, declaring the topology on every new connection; knows whether the
/// broker is reachable and logs each outage once, when it starts, and once when it ends.
/// </summary>
internal sealed class BrokerConnection : IAsyncDisposable
{
    private readonly ConnectionFactory _factory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly Lock _stateGate = new();
    private IConnection? _connection;
    private Reachability _reachability = Reachability.NotConnectedYet;
    private DateTimeOffset _since;
    private string _lastError = "not connected yet";

    public BrokerConnection(IOptions<RabbitMqTransportOptions> options, ILogger<BrokerConnection> logger, TimeProvider time)
    {
        var settings = options.Value;
        settings.Validate();
        Options = settings;
        Names = new AmqpNames(settings.Exchange);
        Address = BrokerAddress.Redacted(settings.Uri);
        _factory = new ConnectionFactory
        {
            Uri = settings.Uri,
            AutomaticRecoveryEnabled = false,
            TopologyRecoveryEnabled = false,
            ClientProvidedName = "taskcenter-server",
        };
        _logger = logger;
        _time = time;
        _since = time.GetUtcNow();
    }

    private enum Reachability
    {
        NotConnectedYet,
        Reachable,
        Unreachable,
    }

    public RabbitMqTransportOptions Options { get; }

    public AmqpNames Names { get; }

    /// <summary>The broker's address without credentials, for logs and health.</summary>
    public string Address { get; }

    /// <summary>Whether the broker is reachable, since when it is (or is not), and the last failure.</summary>
    public (bool Reachable, DateTimeOffset Since, string LastError) State
    {
        get
        {
            lock (_stateGate)
            {
                return (_reachability == Reachability.Reachable, _since, _lastError);
            }
        }
    }

    /// <summary>Opens a channel, connecting first if needed; with publisher confirms (tracked by the client) when asked.</summary>
    public async Task<IChannel> OpenChannelAsync(bool confirms, CancellationToken cancellationToken)
    {
        var connection = await GetConnectionAsync(cancellationToken);
        try
        {
            var options = confirms
                ? new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)
                : null;
            return await connection.CreateChannelAsync(options, cancellationToken);
        }
        catch (Exception ex) when (BrokerFailures.IsBrokerFailure(ex))
        {
            ReportFailure(ex);
            throw;
        }
    }

    /// <summary>Counts the messages of a queue, on a channel of its own.</summary>
    public async Task<uint> CountMessagesAsync(string queue, CancellationToken cancellationToken)
    {
        var channel = await OpenChannelAsync(confirms: false, cancellationToken);
        await using (channel)
        {
            return await channel.MessageCountAsync(queue, cancellationToken);
        }
    }

    /// <summary>Records that the broker failed; the first failure of an outage is logged as a warning.</summary>
    public void ReportFailure(Exception exception)
    {
        bool outageStarts;
        lock (_stateGate)
        {
            outageStarts = _reachability != Reachability.Unreachable;
            if (_reachability == Reachability.Reachable)
            {
                _since = _time.GetUtcNow();
            }

            _reachability = Reachability.Unreachable;
            _lastError = exception.Message;
        }

        if (outageStarts)
        {
            _logger.LogWarning(
                "RabbitMQ at {Broker} is unreachable ({Error}). Fires are kept in the outbox and published in order once it is back; retrying",
                Address, exception.Message);
        }
        else
        {
            _logger.LogDebug("RabbitMQ at {Broker} is still unreachable: {Error}", Address, exception.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is { } connection)
        {
            try
            {
                await connection.CloseAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception ex) when (BrokerFailures.IsBrokerFailure(ex))
            {
                // Closing a connection the broker already dropped.
            }

            await connection.DisposeAsync();
        }

        _connecting.Dispose();
    }

    private async Task<IConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _connection) is { IsOpen: true } open)
        {
            return open;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_connection is { IsOpen: true } connected)
            {
                return connected;
            }

            if (_connection is { } broken)
            {
                await broken.DisposeAsync();
                _connection = null;
            }

            var connection = await ConnectAsync(cancellationToken);
            Volatile.Write(ref _connection, connection);
            ReportConnected();
            return connection;
        }
        catch (Exception ex) when (BrokerFailures.IsBrokerFailure(ex))
        {
            ReportFailure(ex);
            throw;
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var connection = await _factory.CreateConnectionAsync(cancellationToken);
        try
        {
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            await using (channel)
            {
                await Topology.DeclareSharedAsync(channel, Names, cancellationToken);
            }

            connection.ConnectionShutdownAsync += OnConnectionShutdownAsync;
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private Task OnConnectionShutdownAsync(object sender, ShutdownEventArgs reason)
    {
        if (reason.Initiator != ShutdownInitiator.Application)
        {
            ReportFailure(new IOException($"the connection was closed: {reason.ReplyText}"));
        }

        return Task.CompletedTask;
    }

    private void ReportConnected()
    {
        bool wasDown;
        DateTimeOffset downSince;
        lock (_stateGate)
        {
            wasDown = _reachability == Reachability.Unreachable;
            downSince = _since;
            _reachability = Reachability.Reachable;
            _since = _time.GetUtcNow();
            _lastError = string.Empty;
        }

        if (wasDown)
        {
            _logger.LogInformation("RabbitMQ at {Broker} is reachable again (unreachable since {Since:O})", Address, downSince);
        }
        else
        {
            _logger.LogInformation("Connected to RabbitMQ at {Broker}, exchange {Exchange}", Address, Names.Exchange);
        }
    }
}
