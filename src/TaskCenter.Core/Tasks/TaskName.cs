using System.Text;

namespace TaskCenter.Core.Tasks;

/// <summary>
/// Rules for task names, which become routing tags: 1–255 UTF-8 bytes of letters (any script), digits and
/// <c>_ - . :</c>. Characters that mean something in tag expressions or AMQP routing (<c>| * #</c>, spaces) are refused.
/// </summary>
public static class TaskName
{
    public const int MaxBytes = 255;

    /// <summary>Null when valid, else why not (without the field name).</summary>
    public static string? Check(string name)
    {
        if (name.Length == 0)
        {
            return "must not be empty";
        }

        if (Encoding.UTF8.GetByteCount(name) > MaxBytes)
        {
            return $"must be at most {MaxBytes} bytes";
        }

        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsSurrogatePair(name, i))
            {
                if (!char.IsLetterOrDigit(name, i))
                {
                    return $"may only hold letters, digits and _ - . : (found '{name.Substring(i, 2)}')";
                }

                i++;
                continue;
            }

            var c = name[i];
            if (!(char.IsLetterOrDigit(c) || c is '_' or '-' or '.' or ':'))
            {
                return $"may only hold letters, digits and _ - . : (found '{c}')";
            }
        }

        return null;
    }
}
