using System.CommandLine;
using TaskCenter.Cli.Commands.Dlq;
using TaskCenter.Cli.Commands.Groups;

namespace TaskCenter.Cli.Commands;

/// <summary>The <c>taskcenter</c> command tree.</summary>
internal static class RootCommandFactory
{
    public static RootCommand Create(CliContext context)
    {
        var root = new RootCommand("taskcenter — the TaskCenter command line: add, inspect, change, pause and trigger tasks, see their fires, preview crontabs, declare push groups, manage dead letters, tail fires.");
        foreach (var option in context.Options.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(AddCommand.Create(context));
        root.Subcommands.Add(GetCommand.Create(context));
        root.Subcommands.Add(ListCommand.Create(context));
        root.Subcommands.Add(UpdateCommand.Create(context));
        root.Subcommands.Add(TaskActionCommands.Pause(context));
        root.Subcommands.Add(TaskActionCommands.Resume(context));
        root.Subcommands.Add(TriggerCommand.Create(context));
        root.Subcommands.Add(HistoryCommand.Create(context));
        root.Subcommands.Add(DeleteCommand.Create(context));
        root.Subcommands.Add(NextCommand.Create(context));
        root.Subcommands.Add(GroupCommand.Create(context));
        root.Subcommands.Add(DlqCommand.Create(context));
        root.Subcommands.Add(TailCommand.Create(context));
        return root;
    }
}
