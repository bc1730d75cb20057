using System.Net.Sockets;
using Npgsql;
using TaskCenter.Storage.Postgres.Database;

namespace TaskCenter.Storage.Postgres.Tests;

/// <summary>Which failures mean "the database cannot be reached right now" (answered 503, retried) and which are errors.</summary>
public sealed class ConnectionFailuresTests
{
    [Theory]
    [InlineData("08006")] // connection failure
    [InlineData("08001")] // unable to connect
    [InlineData("57P01")] // admin shutdown
    [InlineData("57P02")] // crash shutdown
    [InlineData("57P03")] // starting up
    [InlineData("25P03")] // idle in a transaction past the take-over timeout
    [InlineData("53300")] // too many connections
    public void A_server_that_ended_or_refused_the_session_is_unavailable(string sqlState) =>
        Assert.NotNull(ConnectionFailures.Describe(new PostgresException("gone", "FATAL", "FATAL", sqlState)));

    [Theory]
    [InlineData("28P01")] // wrong password
    [InlineData("28000")] // no such role, no pg_hba.conf entry
    [InlineData("3D000")] // no such database
    public void A_refused_login_is_unavailable_too_and_says_which_setting_to_check(string sqlState)
    {
        var refused = new PostgresException("password authentication failed for user \"tc\"", "FATAL", "FATAL", sqlState);

        Assert.NotNull(ConnectionFailures.Describe(refused));
        Assert.Equal(
            $"The PostgreSQL database refused the login: {sqlState}: password authentication failed for user \"tc\"; check Username, Password and Database in Storage:Postgres:ConnectionString",
            ConnectionFailures.Describe(refused));
    }

    [Theory]
    [InlineData("23505")] // unique violation
    [InlineData("42P01")] // undefined table
    [InlineData("42501")] // insufficient privilege: the setup is wrong, waiting does not mend it
    public void An_error_in_the_statement_or_the_setup_is_not(string sqlState) =>
        Assert.Null(ConnectionFailures.Describe(new PostgresException("wrong", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void Broken_sockets_and_timeouts_including_an_exhausted_pool_are_unavailable()
    {
        Assert.NotNull(ConnectionFailures.Describe(new NpgsqlException("Exception while reading from stream", new IOException("reset"))));
        Assert.NotNull(ConnectionFailures.Describe(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.NotNull(ConnectionFailures.Describe(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));
    }

    [Fact]
    public void What_a_callback_throws_is_never_taken_for_an_outage()
    {
        Assert.Null(ConnectionFailures.Describe(new IOException("broker unreachable")));
        Assert.Null(ConnectionFailures.Describe(new SocketException((int)SocketError.ConnectionRefused)));
        Assert.Null(ConnectionFailures.Describe(new TimeoutException()));
    }
}
