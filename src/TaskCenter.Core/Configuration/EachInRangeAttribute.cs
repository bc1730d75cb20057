using System.Collections;
using System.ComponentModel.DataAnnotations;

namespace TaskCenter.Core.Configuration;

/// <summary><see cref="RangeAttribute"/> for every item of a list setting (configuration keys <c>Key:0</c>, <c>Key:1</c>, …).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class EachInRangeAttribute(Type type, string minimum, string maximum) : RangeAttribute(type, minimum, maximum)
{
    public override bool IsValid(object? value) =>
        value is not IEnumerable items || value is string || items.Cast<object?>().All(IsValidItem);

    public bool IsValidItem(object? item) => base.IsValid(item);
}
