namespace TaskCenter.Core.Tasks;

/// <summary>The wire and storage names of <see cref="TaskState"/>.</summary>
public static class TaskStates
{
    public const string Pending = "pending";
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Finished = "finished";

    public static string ToWire(this TaskState state) => state switch
    {
        TaskState.Pending => Pending,
        TaskState.Active => Active,
        TaskState.Paused => Paused,
        TaskState.Finished => Finished,
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static TaskState Parse(string value) => value switch
    {
        Pending => TaskState.Pending,
        Active => TaskState.Active,
        Paused => TaskState.Paused,
        Finished => TaskState.Finished,
        _ => throw new FormatException($"unknown task state '{value}'"),
    };
}
