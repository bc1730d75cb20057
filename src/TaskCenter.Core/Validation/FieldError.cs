namespace TaskCenter.Core.Validation;

/// <summary>Why a submitted field was refused. <see cref="TooLarge"/> maps to 413, everything else to 400.</summary>
public sealed record FieldError(string Field, string Message, bool TooLarge = false)
{
    public override string ToString() => $"{Field} {Message}";
}
