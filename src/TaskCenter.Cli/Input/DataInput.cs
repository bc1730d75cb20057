namespace TaskCenter.Cli.Input;

/// <summary>Reads a task's payload from <c>--data</c>, or from <c>--data-file</c> (a path, or <c>-</c> for stdin).</summary>
internal static class DataInput
{
    public static async Task<string> ReadAsync(string? data, string? dataFile, TextReader stdin, CancellationToken cancellationToken)
    {
        if (data is not null && dataFile is not null)
        {
            throw CliException.Usage("give either --data or --data-file, not both");
        }

        if (data is not null)
        {
            return data;
        }

        return dataFile switch
        {
            null => throw CliException.Usage("the payload is missing: give --data, or --data-file (- for stdin)"),
            "-" => await stdin.ReadToEndAsync(cancellationToken),
            _ => await ReadFileAsync(dataFile, cancellationToken),
        };
    }

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
