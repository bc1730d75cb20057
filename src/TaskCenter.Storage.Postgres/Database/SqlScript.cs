namespace TaskCenter.Storage.Postgres.Database;

/// <summary>One embedded migration script, Sql/NNN_name.sql.</summary>
internal sealed record SqlScript(int Version, string Name, string Sql);
