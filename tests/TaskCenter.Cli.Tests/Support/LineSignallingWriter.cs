using System.Text;

namespace TaskCenter.Cli.Tests.Support;

/// <summary>A captured stdout that tells when a whole line was written, so a test can stop a running command (tail) after its first output.</summary>
public sealed class LineSignallingWriter(Action onLine) : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    // Every other Write and WriteLine of TextWriter ends up here.
    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }

        if (value == '\n')
        {
            onLine();
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
