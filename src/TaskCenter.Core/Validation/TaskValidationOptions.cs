namespace TaskCenter.Core.Validation;

/// <summary>Limits on submitted tasks. Section "Tasks" in configuration.</summary>
public sealed class TaskValidationOptions
{
    /// <summary>Largest <c>data</c>, in UTF-8 bytes.</summary>
    public int MaxDataBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest <c>max_runtime</c> (the lease of a message), in seconds.</summary>
    public long MaxRuntimeSeconds { get; set; } = 12 * 60 * 60;
}
