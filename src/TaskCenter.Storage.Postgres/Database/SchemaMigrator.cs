using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;

namespace TaskCenter.Storage.Postgres.Database;

/// <summary>
/// Applies the embedded Sql/NNN_name.sql scripts in order, each once, recording them in <c>schema_version</c> inside
/// the storage's schema (created when missing). Everything runs in one transaction under an advisory lock, so
/// instances starting together neither race nor apply a script twice; a failed script leaves nothing behind.
/// </summary>
internal static partial class SchemaMigrator
{
    private const string CreateVersionTable = """
        CREATE TABLE IF NOT EXISTS schema_version (
          version    integer     NOT NULL PRIMARY KEY,
          name       text        NOT NULL,
          applied_at timestamptz NOT NULL DEFAULT now()
        )
        """;

    private const string SchemaExists = "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @schema)";

    private const string AppliedVersions = "SELECT version FROM schema_version";

    private const string RecordVersion = "INSERT INTO schema_version (version, name) VALUES (@version, @name)";

    /// <summary>The embedded scripts, by version.</summary>
    public static IReadOnlyList<SqlScript> Scripts { get; } = LoadScripts();

    public static int LatestVersion => Scripts.Count == 0 ? 0 : Scripts[^1].Version;

    /// <summary>Brings the schema to <see cref="LatestVersion"/>; returns the versions applied now (empty when current).</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(
        NpgsqlConnection connection, string schema, AdvisoryLocks locks, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var exclusive = connection.Command(AdvisoryLocks.Exclusive).With("@lock", locks.Migration))
        {
            await exclusive.ExecuteNonQueryAsync(cancellationToken);
        }

        // CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists (PostgreSQL checks the
        // privilege first), so a schema an administrator made for a role without that privilege is only looked up.
        await using (var exists = connection.Command(SchemaExists).With("@schema", schema))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                // The schema name was checked against ^[a-z_][a-z0-9_]*$: quoting it is all it needs.
                await ExecuteAsync(connection, $"CREATE SCHEMA \"{schema}\"", cancellationToken);
            }
        }

        await ExecuteAsync(connection, CreateVersionTable, cancellationToken);
        var applied = (await connection.Command(AppliedVersions).ReadRowsAsync(row => row.GetInt32(0), cancellationToken)).ToHashSet();

        if (applied.Count > 0 && applied.Max() > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database schema \"{schema}\" is at version {applied.Max()}, newer than this build knows ({LatestVersion}); use a newer TaskCenter.");
        }

        var done = new List<int>();
        foreach (var script in Scripts.Where(s => !applied.Contains(s.Version)))
        {
            await ExecuteAsync(connection, script.Sql, cancellationToken);
            await using var record = connection.Command(RecordVersion).With("@version", script.Version).With("@name", script.Name);
            await record.ExecuteNonQueryAsync(cancellationToken);
            done.Add(script.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        return done;
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "The text is a migration script embedded in this assembly, or DDL naming the validated schema; not input.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<SqlScript> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = assembly.GetManifestResourceNames()
            .Select(resource => (Resource: resource, Match: ScriptResource().Match(resource)))
            .Where(x => x.Match.Success)
            .Select(x => new SqlScript(
                int.Parse(x.Match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture),
                x.Match.Groups["name"].Value,
                ReadResource(assembly, x.Resource)))
            .OrderBy(s => s.Version)
            .ToList();
        if (scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new InvalidOperationException($"Two embedded SQL scripts have version {twice.Key}.");
        }

        return scripts;
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"\.Sql\.(?<name>(?<version>[0-9]+)_[A-Za-z0-9_]+\.sql)$")]
    private static partial Regex ScriptResource();
}
