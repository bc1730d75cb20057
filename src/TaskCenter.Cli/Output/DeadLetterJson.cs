using TaskCenter.Client;

namespace TaskCenter.Cli.Output;

/// <summary>A dead letter in --json output, as <c>GET /v1/api/dead-letters</c> lists it.</summary>
internal sealed record DeadLetterJson(
    string Msgid, string Taskid, string Name, string Data, long FireTime, int Attempts, string? LastError, long DeadAt)
{
    public static DeadLetterJson From(DeadLetter letter) => new(
        letter.MsgId, letter.TaskId, letter.Name, letter.Data, letter.FireTime.ToUnixTimeSeconds(), letter.Attempts,
        letter.LastError, letter.DeadAt.ToUnixTimeSeconds());
}
