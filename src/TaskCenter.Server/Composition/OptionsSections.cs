using Microsoft.Extensions.Options;
using TaskCenter.Core.Configuration;

namespace TaskCenter.Server.Composition;

/// <summary>
/// Options bound from a configuration section and checked when the server starts (<see cref="OptionsBuilderExtensions.ValidateOnStart{TOptions}"/>):
/// a value out of its range stops the start with one line naming the key, the value and what is allowed.
/// </summary>
public static class OptionsSections
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and checks it at start.</summary>
    public static OptionsBuilder<TOptions> AddSection<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class =>
        services.CheckAtStart<TOptions>(section).Bind(configuration.GetSection(section));

    /// <summary>Checks <typeparamref name="TOptions"/>, configured elsewhere from <paramref name="section"/>, at start.</summary>
    public static OptionsBuilder<TOptions> CheckAtStart<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(section));
        return services.AddOptions<TOptions>().ValidateOnStart();
    }
}
