using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>
/// What the engine commits for one due task: the task's new bookkeeping (state, fired count, next fire) and the
/// fires it produced. <see cref="Task"/>.Version is the version the engine read; the store applies the advance only
/// if the stored task still has that version (it was not deleted, updated or advanced meanwhile).
/// </summary>
public sealed record TaskAdvance(ScheduledTask Task, IReadOnlyList<FireRecord> Fires);
