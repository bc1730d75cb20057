using System.CommandLine;

namespace TaskCenter.Cli.Commands;

/// <summary><c>taskcenter delete &lt;taskid...&gt;</c> or <c>delete --name &lt;name&gt;</c>: stops tasks' future fires.</summary>
internal static class DeleteCommand
{
    public static Command Create(CliContext context)
    {
        var taskIds = new Argument<string[]>("taskid") { Description = "Ids of the tasks to delete", Arity = ArgumentArity.ZeroOrMore };
        var name = new Option<string?>("--name", "-n") { Description = "Delete every task with this name instead" };
        var yes = Confirmation.CreateYesOption();
        var command = new Command("delete", "Delete tasks by id, or every task with a name (asks first unless --yes)") { taskIds, name, yes };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var ids = parseResult.GetValue(taskIds) ?? [];
            var byName = parseResult.GetValue(name);
            if ((ids.Length == 0) == (byName is null))
            {
                throw CliException.Usage("give task ids or --name, not both and not neither");
            }

            using var client = context.CreateClient(parseResult);
            var question = byName is null ? $"Delete {ids.Length} task(s)?" : $"Delete every task named '{byName}'?";
            await Confirmation.RequireAsync(context.Console, parseResult.GetValue(yes), question, cancellationToken);
            var deleted = byName is null
                ? await client.DeleteTasksAsync(ids, cancellationToken)
                : await client.DeleteTasksByNameAsync(byName, cancellationToken);
            foreach (var id in ids.Except(deleted, StringComparer.Ordinal))
            {
                await context.Console.Error.WriteLineAsync($"warning: {id} was not deleted: no such task, or already deleted");
            }

            if (context.IsJson(parseResult))
            {
                context.WriteJson(new { deleted });
            }
            else
            {
                await context.Console.Out.WriteLineAsync($"deleted {deleted.Count} task(s)");
                foreach (var id in deleted)
                {
                    await context.Console.Out.WriteLineAsync(id);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
