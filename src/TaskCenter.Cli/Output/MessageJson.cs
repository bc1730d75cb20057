using TaskCenter.Client;

namespace TaskCenter.Cli.Output;

/// <summary>A message in tail's --json stream, as <c>POST /v1/api/consume</c> returns it.</summary>
internal sealed record MessageJson(string Msgid, string Taskid, string Name, string Data, long FireTime, int Attempt, bool Ack)
{
    public static MessageJson From(TaskMessage message) => new(
        message.MsgId, message.TaskId, message.Name, message.Data, message.FireTime.ToUnixTimeSeconds(), message.Attempt,
        message.RequiresExplicitAck);
}
