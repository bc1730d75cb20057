using Microsoft.Extensions.Configuration;
using TaskCenter.Core.Alerts;
using TaskCenter.Core.Configuration;
using TaskCenter.Core.Engine;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Validation;
using TaskCenter.Server.Overview;
using TaskCenter.Storage.Postgres;
using TaskCenter.Storage.Sqlite;
using TaskCenter.Transport.RabbitMq;

namespace TaskCenter.Server.Tests.Composition;

/// <summary>The ranges the server checks at start admit its own defaults and the appsettings.json it ships.</summary>
public sealed class OptionsRulesTests
{
    public static TheoryData<string> Sections =>
    [
        EngineOptions.Section, QueueOptions.Section, TaskValidationOptions.Section, AlertOptions.Section, OverviewOptions.Section,
        LimitOptions.Section, SqliteStorageOptions.Section, PostgresStorageOptions.Section, RabbitMqTransportOptions.Section,
    ];

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_default_is_within_its_range(string section) =>
        Assert.Empty(OptionsRules.Check(Defaults(section), section));

    [Theory]
    [MemberData(nameof(Sections))]
    public void Every_value_of_the_shipped_appsettings_is_within_its_range(string section)
    {
        var shipped = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        var options = Defaults(section);

        shipped.GetSection(section).Bind(options);

        Assert.Empty(OptionsRules.Check(options, section));
    }

    [Fact]
    public void Every_broken_rule_is_named_at_once_and_a_secret_is_never_shown()
    {
        var options = new PostgresStorageOptions { ConnectionString = " ", Schema = "Task-Center", TakeOverTimeout = TimeSpan.Zero };

        Assert.Equal(
            [
                "Storage:Postgres:ConnectionString is not set; it must be an Npgsql connection string, such as Host=db;Database=taskcenter;Username=tc;Password=secret.",
                "Storage:Postgres:Schema is Task-Center; it must be 1 to 50 lower-case letters, digits or underscores, starting with a letter or underscore.",
                "Storage:Postgres:TakeOverTimeout is 00:00:00; it must be between 00:00:01 and 01:00:00.",
            ],
            OptionsRules.Check(options, PostgresStorageOptions.Section));
        Assert.Equal(
            ["Storage:Postgres:ConnectionString is not valid; it is not a valid Npgsql connection string: Couldn't set colour (Parameter 'colour')."],
            OptionsRules.Check(new PostgresStorageOptions { ConnectionString = "Password=hunter2;Colour=blue" }, PostgresStorageOptions.Section));
    }

    private static object Defaults(string section) => section switch
    {
        EngineOptions.Section => new EngineOptions(),
        QueueOptions.Section => new QueueOptions(),
        TaskValidationOptions.Section => new TaskValidationOptions(),
        AlertOptions.Section => new AlertOptions(),
        OverviewOptions.Section => new OverviewOptions(),
        LimitOptions.Section => new LimitOptions(),
        SqliteStorageOptions.Section => new SqliteStorageOptions(),
        PostgresStorageOptions.Section => new PostgresStorageOptions { ConnectionString = "Host=db;Database=taskcenter" }, // required, no default
        RabbitMqTransportOptions.Section => new RabbitMqTransportOptions(),
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, null),
    };
}
