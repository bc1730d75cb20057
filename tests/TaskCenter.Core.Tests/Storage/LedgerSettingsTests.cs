using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TaskCenter.Core.Delivery;
using TaskCenter.Core.Limits;
using TaskCenter.Core.Queue;
using TaskCenter.Core.Storage;

namespace TaskCenter.Core.Tests.Storage;

public class LedgerSettingsTests
{
    [Fact]
    public void Without_configuration_a_ledger_gets_the_defaults_the_system_clock_and_no_log()
    {
        var services = new ServiceCollection();
        LedgerSettings.AddOptions(services);

        var settings = LedgerSettings.Of<LedgerSettingsTests>(services.BuildServiceProvider());

        Assert.Equal(FireRouting.BuiltInQueue, settings.Routing);
        Assert.Equal(new QueueOptions().MaxRetries, settings.Queue.MaxRetries);
        Assert.Equal(new LimitOptions().MaxGroups, settings.Limits.MaxGroups);
        Assert.Same(TimeProvider.System, settings.Time);
        Assert.Same(NullLogger.Instance, settings.Logger);
    }

    [Fact]
    public void A_ledger_gets_what_the_host_configured_and_its_clock()
    {
        var clock = new FakeTimeProvider();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .Configure<DeliveryOptions>(o => o.Routing = FireRouting.Outbox)
            .Configure<QueueOptions>(o => o.MaxRetries = 2)
            .Configure<LimitOptions>(o => o.MaxGroups = 7);
        LedgerSettings.AddOptions(services);

        var settings = LedgerSettings.Of<LedgerSettingsTests>(services.BuildServiceProvider());

        Assert.Equal((FireRouting.Outbox, 2, 7), (settings.Routing, settings.Queue.MaxRetries, settings.Limits.MaxGroups));
        Assert.Same(clock, settings.Time);
    }
}
