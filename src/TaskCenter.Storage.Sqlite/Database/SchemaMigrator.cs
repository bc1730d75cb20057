using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace TaskCenter.Storage.Sqlite.Database;

/// <summary>
/// Applies the embedded Sql/NNN_name.sql scripts in order, each once, recording them in <c>schema_version</c>.
/// All pending scripts run in one immediate transaction, so two processes starting together cannot both apply one.
/// </summary>
internal static class SchemaMigrator
{
    private const string ResourceMarker = ".Sql.";

    /// <summary>The embedded scripts, by version.</summary>
    public static IReadOnlyList<SqlScript> Scripts { get; } = LoadScripts();

    public static int LatestVersion => Scripts.Count == 0 ? 0 : Scripts[^1].Version;

    /// <summary>Brings the schema to <see cref="LatestVersion"/>; returns the versions applied now (empty when current).</summary>
    public static IReadOnlyList<int> Migrate(SqliteConnection connection)
    {
        using (var create = connection.Command(SchemaCommands.CreateVersionTable))
        {
            create.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var applied = new HashSet<int>();
        using (var read = connection.Command(SchemaCommands.AppliedVersions, transaction))
        using (var reader = read.ExecuteReader())
        {
            while (reader.Read())
            {
                applied.Add(reader.GetInt32(0));
            }
        }

        if (applied.Count > 0 && applied.Max() > LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database schema is at version {applied.Max()}, newer than this build knows ({LatestVersion}); use a newer TaskCenter.");
        }

        var done = new List<int>();
        foreach (var script in Scripts.Where(s => !applied.Contains(s.Version)))
        {
            Execute(connection, transaction, script);
            using var record = connection.Command(SchemaCommands.RecordVersion, transaction)
                .With("@version", script.Version)
                .With("@name", script.Name);
            record.ExecuteNonQuery();
            done.Add(script.Version);
        }

        transaction.Commit();
        return done;
    }

    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "The text is a migration script embedded in this assembly, not input.")]
    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, SqlScript script)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = script.Sql;
        command.ExecuteNonQuery();
    }

    private static List<SqlScript> LoadScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        var scripts = new List<SqlScript>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var marker = resource.LastIndexOf(ResourceMarker, StringComparison.Ordinal);
            if (marker < 0 || !resource.EndsWith(".sql", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var name = resource[(marker + ResourceMarker.Length)..];
            var underscore = name.IndexOf('_', StringComparison.Ordinal);
            if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Embedded SQL script '{name}' is not named NNN_name.sql.");
            }

            scripts.Add(new SqlScript(version, name, Read(assembly, resource)));
        }

        scripts.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < scripts.Count; i++)
        {
            if (scripts[i].Version == scripts[i - 1].Version)
            {
                throw new InvalidOperationException($"Two embedded SQL scripts have version {scripts[i].Version}.");
            }
        }

        return scripts;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
