using System.CommandLine;

namespace TaskCenter.Cli.Commands.Groups;

/// <summary><c>taskcenter group</c>: declared consumer groups, push groups among them.</summary>
internal static class GroupCommand
{
    public static Command Create(CliContext context) =>
        new("group", "Declared consumer groups: declare one (a push group with --url), show one, delete one")
        {
            GroupPutCommand.Create(context),
            GroupGetCommand.Create(context),
            GroupDeleteCommand.Create(context),
        };

    public static Argument<string> CreateGroupArgument() => new("group") { Description = "The consumer group's name" };
}
