using System.CommandLine;

namespace TaskCenter.Cli.Commands.Dlq;

/// <summary><c>taskcenter dlq</c>: a consumer group's dead letters.</summary>
internal static class DlqCommand
{
    public static Command Create(CliContext context) =>
        new("dlq", "A consumer group's dead letters: list, redrive, purge")
        {
            DlqListCommand.Create(context),
            DlqRedriveCommand.Create(context),
            DlqPurgeCommand.Create(context),
        };

    public static Option<string> CreateGroupOption() => new("--group", "-g") { Description = "The consumer group", Required = true };

    public static Argument<string[]> CreateMsgIdsArgument(string verb) =>
        new("msgid") { Description = $"The dead letters to {verb}; none for all of the group's", Arity = ArgumentArity.ZeroOrMore };
}
