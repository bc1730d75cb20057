using System.ComponentModel.DataAnnotations;

namespace TaskCenter.Core.Configuration;

/// <summary>A setting that must be at least another setting of the same options, e.g. a maximum and its minimum.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AtLeastAttribute(string other) : ValidationAttribute
{
    /// <summary>The property this one must not be below.</summary>
    public string Other { get; } = other;

    public override bool RequiresValidationContext => true;

    /// <summary>The other setting's value in <paramref name="options"/>.</summary>
    public object? OtherValue(object options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.GetType().GetProperty(Other)?.GetValue(options);
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        return value is IComparable comparable && OtherValue(validationContext.ObjectInstance) is { } other && comparable.CompareTo(other) < 0
            ? new ValidationResult($"{validationContext.DisplayName} must be at least {Other}.", [validationContext.MemberName ?? Other])
            : ValidationResult.Success;
    }
}
