using System.Globalization;
using System.Text;

namespace TaskCenter.Client.Internal;

/// <summary>A path with its query string; parameters without a value (<see langword="null"/>) are left out.</summary>
internal sealed class QueryBuilder(string path)
{
    private readonly StringBuilder _text = new(path);
    private bool _hasQuery = path.Contains('?', StringComparison.Ordinal);

    public QueryBuilder Add(string name, string? value)
    {
        if (value is not null)
        {
            _text.Append(_hasQuery ? '&' : '?').Append(name).Append('=').Append(Uri.EscapeDataString(value));
            _hasQuery = true;
        }

        return this;
    }

    public QueryBuilder Add(string name, long? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => _text.ToString();
}
