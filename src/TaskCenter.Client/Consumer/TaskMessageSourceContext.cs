using Microsoft.Extensions.Logging;

namespace TaskCenter.Client.Consumer;

/// <summary>What a <see cref="TaskConsumerOptions.MessageSource"/> factory is given to build an <see cref="ITaskMessageSource"/>.</summary>
/// <param name="Options">The consumer's validated settings: its group, concurrency, lease and retry pauses.</param>
/// <param name="Logger">The consumer's logger.</param>
public sealed record TaskMessageSourceContext(TaskConsumerOptions Options, ILogger Logger);
