using Microsoft.Extensions.Options;

namespace TaskCenter.Core.Configuration;

/// <summary>Validates options bound from configuration section <paramref name="section"/> by <see cref="OptionsRules"/>.</summary>
public sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options) =>
        OptionsRules.Check(options, section) is { Count: > 0 } failures ? ValidateOptionsResult.Fail(failures) : ValidateOptionsResult.Success;
}
