namespace TaskCenter.Cli.Input;

/// <summary>Reads a task's payload from <c>--data</c>, or from <c>--data-file</c> (a path, or <c>-</c> for stdin).</summary>
internal static class DataInput
{
    /// <param name="keepTrailingNewline">
    /// Whether a file's final newline is part of the payload. By default it is not: editors end a file with one, and
    /// <c>echo</c> ends its line with one, so one final newline ("\n" or "\r\n") is dropped; any before it are data.
    /// </param>
    public static async Task<string> ReadAsync(
        string? data, string? dataFile, bool keepTrailingNewline, TextReader stdin, CancellationToken cancellationToken)
    {
        if (data is not null && dataFile is not null)
        {
            throw CliException.Usage("give either --data or --data-file, not both");
        }

        if (keepTrailingNewline && dataFile is null)
        {
            throw CliException.Usage("--keep-trailing-newline goes with --data-file");
        }

        if (data is not null)
        {
            return data;
        }

        var text = dataFile switch
        {
            null => throw CliException.Usage("the payload is missing: give --data, or --data-file (- for stdin)"),
            "-" => await stdin.ReadToEndAsync(cancellationToken),
            _ => await ReadFileAsync(dataFile, cancellationToken),
        };
        return keepTrailingNewline ? text : WithoutTrailingNewline(text);
    }

    private static string WithoutTrailingNewline(string text) =>
        text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2]
        : text.EndsWith('\n') ? text[..^1]
        : text;

    private static async Task<string> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"--data-file: cannot read {path}: {ex.Message}");
        }
    }
}
