using Microsoft.Extensions.Options;

namespace TaskCenter.Server.Composition;

/// <summary>
/// The one line a failed start ends with: what is wrong (a setting out of its range, a refused security configuration,
/// a SQLite file that cannot be opened, an address in use), no stack trace. The exceptions thrown for those say so.
/// </summary>
public static class StartFailure
{
    public static string Describe(Exception exception) => "TaskCenter did not start: " + Reason(exception);

    private static string Reason(Exception exception) => exception switch
    {
        OptionsValidationException options => string.Join(" ", options.Failures),
        AggregateException aggregate => string.Join(" ", aggregate.InnerExceptions.Select(Reason)),
        _ => exception.Message.ReplaceLineEndings(" "),
    };
}
