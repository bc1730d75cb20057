using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using TaskCenter.Core.Tasks;

namespace TaskCenter.Core.Storage;

/// <summary>
/// Where a task list page ended: the sort key (name, created_at, id) of its last task. Sent to clients as an opaque
/// URL-safe token, so a page still continues correctly when that task has been deleted since.
/// </summary>
public sealed record TaskCursor(string Name, DateTimeOffset CreatedAt, string Id)
{
    public static TaskCursor Of(ScheduledTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return new(task.Name, task.CreatedAt, task.Id);
    }

    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{Id}.{CreatedAt.ToUnixTimeSeconds()}.{Name}")));

    /// <summary>Reads a token made by <see cref="Encode"/>; false for anything else.</summary>
    public static bool TryDecode(string? token, [NotNullWhen(true)] out TaskCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return false;
        }

        var parts = text.Split('.', 3);
        if (parts.Length != 3
            || !TaskIdGenerator.IsWellFormed(parts[0])
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var createdAt)
            || createdAt > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        cursor = new TaskCursor(parts[2], DateTimeOffset.FromUnixTimeSeconds(createdAt), parts[0]);
        return true;
    }
}
