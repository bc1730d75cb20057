using TaskCenter.Client;

namespace TaskCenter.Cli.Commands;

/// <summary>
/// Tells a created task from a deduplicated one. The server answers both with a task id; an add was deduplicated when
/// the id is one the name already had before this run, or one this run already got. Costs one lookup per distinct name.
/// </summary>
internal sealed class KnownTaskIds(TaskCenterClient client)
{
    private readonly Dictionary<string, HashSet<string>> _idsByName = new(StringComparer.Ordinal);

    /// <summary>Call before adding a task of <paramref name="name"/>: loads the ids the name has now.</summary>
    public async Task LoadAsync(string name, CancellationToken cancellationToken)
    {
        if (!_idsByName.ContainsKey(name))
        {
            var existing = await client.GetTasksByNameAsync(name, cancellationToken);
            _idsByName[name] = [.. existing.Select(task => task.Id)];
        }
    }

    /// <returns><see langword="true"/> when the add created the task, <see langword="false"/> when it returned a known one.</returns>
    public bool RecordIsNew(string name, string taskId) => _idsByName[name].Add(taskId);
}
