using System.ComponentModel.DataAnnotations;

namespace TaskCenter.Core.Validation;

/// <summary>Limits on submitted tasks. Section "Tasks" in configuration.</summary>
public sealed class TaskValidationOptions
{
    /// <summary>The configuration section the server binds these settings from; errors name each setting by its key in it.</summary>
    public const string Section = "Tasks";

    /// <summary>Largest <c>data</c>, in UTF-8 bytes.</summary>
    [Range(1, 64 * 1024 * 1024)]
    public int MaxDataBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest <c>max_runtime</c> (the lease of a message), in seconds.</summary>
    [Range(typeof(long), "1", "604800")]
    public long MaxRuntimeSeconds { get; set; } = 12 * 60 * 60;
}
