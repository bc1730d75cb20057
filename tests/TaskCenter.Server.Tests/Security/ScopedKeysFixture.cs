using TaskCenter.Testing;

namespace TaskCenter.Server.Tests.Security;

/// <summary>
/// A server shared by two teams, billing and shipping, each with keys scoped to its own task names (<c>billing.*</c>,
/// <c>shipping.*</c>) and consumer groups (<c>billing-*</c>, <c>shipping-*</c>), plus an unscoped admin key: the
/// example of docs/security.md.
/// </summary>
public abstract class ScopedKeysFixture(TestBackend backend) : IAsyncLifetime
{
    public const string Admin = "admin-key-e41a";
    public const string BillingProducer = "billing-producer-key-1c7d";
    public const string BillingConsumer = "billing-consumer-key-7a02";
    public const string BillingViewer = "billing-viewer-key-55e0";
    public const string ShippingProducer = "shipping-producer-key-c9b3";
    public const string ShippingConsumer = "shipping-consumer-key-08ff";
    public const string AuditViewer = "audit-viewer-key-3d61";

    public RunningServer Server { get; private set; } = null!;

    public static Dictionary<string, string?> Settings()
    {
        // Every overview counts anew: the tests compare counts right after adding tasks.
        var settings = new Dictionary<string, string?> { ["Overview:CountMaxAge"] = "00:00:00" };
        var keys = new (string Name, string Key, string Role, string? Tasks, string? Groups)[]
        {
            ("admin", Admin, "admin", null, null),
            ("billing", BillingProducer, "producer", "billing.*", null),
            ("billing-consumer", BillingConsumer, "consumer", "billing.*", "billing-*"),
            ("billing-viewer", BillingViewer, "viewer", "billing.*", "billing-*"),
            ("shipping", ShippingProducer, "producer", "shipping.*", null),
            ("shipping-consumer", ShippingConsumer, "consumer", "shipping.*", "shipping-*"),
            ("audit", AuditViewer, "viewer", "shipping.*,billing.invoice", null), // one string of patterns, as an environment variable has it
        };
        for (var i = 0; i < keys.Length; i++)
        {
            var (name, key, role, tasks, groups) = keys[i];
            settings[$"Security:ApiKeys:{i}:Name"] = name;
            settings[$"Security:ApiKeys:{i}:Key"] = key;
            settings[$"Security:ApiKeys:{i}:Role"] = role;
            if (tasks is not null)
            {
                settings[tasks.Contains(',', StringComparison.Ordinal) ? $"Security:ApiKeys:{i}:Scopes:Tasks" : $"Security:ApiKeys:{i}:Scopes:Tasks:0"] = tasks;
            }

            if (groups is not null)
            {
                settings[$"Security:ApiKeys:{i}:Scopes:Groups:0"] = groups;
            }
        }

        return settings;
    }

    public async Task InitializeAsync() => Server = await RunningServer.StartAsync(Settings(), backend: backend);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

public sealed class ScopedKeysOnSqlite() : ScopedKeysFixture(TestBackend.Sqlite);

public sealed class ScopedKeysOnPostgres() : ScopedKeysFixture(TestBackend.Postgres);
