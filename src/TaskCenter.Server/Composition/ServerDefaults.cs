using Microsoft.Extensions.Configuration.Memory;

namespace TaskCenter.Server.Composition;

/// <summary>
/// The settings the server must have even when appsettings.json is missing or replaced: below every other source, so
/// appsettings.json, environment variables and the command line still win. Without them ASP.NET Core would listen on
/// its own default address and log two lines for every request (a flood of refused requests would flood the log).
/// </summary>
public static class ServerDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        [WebHostDefaults.ServerUrlsKey] = "http://127.0.0.1:8081",
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
    };

    /// <summary>
    /// A builder whose content root — where appsettings.json is read from — is the program's folder, not the folder it
    /// runs from, with <see cref="Settings"/> below every other source.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Settings });
        return builder;
    }
}
