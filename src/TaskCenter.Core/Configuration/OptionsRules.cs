using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace TaskCenter.Core.Configuration;

/// <summary>
/// Checks an options object against the data annotations on its properties (then its own
/// <see cref="IValidatableObject"/> rules) and words each failure as the configuration key the user writes, its value
/// and what is allowed: <c>Engine:BatchSize is 0; it must be between 1 and 100000.</c> A property marked
/// <see cref="PasswordPropertyTextAttribute"/> (a connection string, a broker address with credentials) is never shown.
/// </summary>
public static class OptionsRules
{
    /// <summary>Every broken rule of <paramref name="options"/>, bound from configuration section <paramref name="section"/>; empty when none.</summary>
    public static IReadOnlyList<string> Check(object options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = section + ":" + property.Name;
            var value = property.GetValue(options);
            var secret = IsSecret(property);
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (attribute is EachInRangeAttribute each && value is IEnumerable items and not string)
                {
                    var index = 0;
                    foreach (var item in items)
                    {
                        if (!each.IsValidItem(item))
                        {
                            failures.Add(Describe($"{key}:{index.ToString(CultureInfo.InvariantCulture)}", item, secret, Rule(each, options, section)));
                        }

                        index++;
                    }
                }
                else if (attribute.GetValidationResult(value, new ValidationContext(options) { MemberName = property.Name, DisplayName = key }) is not null)
                {
                    failures.Add(Describe(key, value, secret, Rule(attribute, options, section)));
                }
            }
        }

        if (failures.Count == 0 && options is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(options)))
            {
                var member = result.MemberNames.FirstOrDefault() ?? "";
                var property = options.GetType().GetProperty(member);
                failures.Add(Describe(
                    section + ":" + member, property?.GetValue(options), property is null || IsSecret(property), result.ErrorMessage ?? "it is not valid"));
            }
        }

        return failures;
    }

    /// <summary>What a rule allows, worded to follow "KEY is VALUE; ".</summary>
    private static string Rule(ValidationAttribute attribute, object options, string section) => attribute switch
    {
        RangeAttribute range => $"it must be between {Show(range.Minimum)} and {Show(range.Maximum)}",
        AtLeastAttribute atLeast => $"it must be at least {section}:{atLeast.Other} ({Show(atLeast.OtherValue(options))})",
        EnumDataTypeAttribute enumType => $"it must be one of: {string.Join(", ", Enum.GetNames(enumType.EnumType))}",
        RequiredAttribute { ErrorMessage: null } => "it is required",
        { ErrorMessage: { } message } => message,
        _ => "it is not valid",
    };

    private static string Describe(string key, object? value, bool secret, string rule)
    {
        var what = value is null || value is string text && string.IsNullOrWhiteSpace(text) ? "is not set"
            : secret ? "is not valid"
            : "is " + Show(value);
        return $"{key} {what}; {rule}" + (rule.EndsWith('.') ? "" : ".");
    }

    private static string Show(object? value) => value switch
    {
        null => "not set",
        TimeSpan duration => Duration(duration),
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object?>().Select(Show)),
        _ => value.ToString() ?? "",
    };

    /// <summary>As durations are written in configuration, <c>[-][d.]hh:mm:ss[.fff]</c>: milliseconds, or finer when needed.</summary>
    private static string Duration(TimeSpan duration)
    {
        var text = duration.ToString("c", CultureInfo.InvariantCulture);
        if (duration.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return text;
        }

        var trimmed = text.TrimEnd('0');
        var digits = trimmed.Length - trimmed.LastIndexOf('.') - 1;
        return digits < 3 ? trimmed + new string('0', 3 - digits) : trimmed;
    }

    private static bool IsSecret(PropertyInfo property) => property.GetCustomAttribute<PasswordPropertyTextAttribute>()?.Password == true;
}
