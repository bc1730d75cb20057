using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using TaskCenter.Client.Consumer;

namespace TaskCenter.Client.Hosting;

/// <summary>Registers the handlers of a consumer added with <see cref="TaskCenterServiceCollectionExtensions.AddTaskCenterConsumer"/>.</summary>
public sealed class TaskConsumerBuilder
{
    private readonly List<(string Tags, Func<IServiceProvider, TaskHandler> Create)> _handlers = [];

    internal TaskConsumerBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection the consumer is added to.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Handles the names matched by <paramref name="tags"/> with a delegate; see <see cref="TaskConsumer.Register(string, TaskHandler)"/>.</summary>
    /// <param name="tags">The tag expression, e.g. <c>tag1 || tag2</c> or <c>*</c>.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>This builder.</returns>
    public TaskConsumerBuilder Handle(string tags, TaskHandler handler)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add((tags, _ => handler));
        return this;
    }

    /// <summary>
    /// Handles the names matched by <paramref name="tags"/> with <typeparamref name="THandler"/>, resolved for each message
    /// from a new service scope (registered as scoped unless already registered).
    /// </summary>
    /// <typeparam name="THandler">The handler type.</typeparam>
    /// <param name="tags">The tag expression, e.g. <c>tag1 || tag2</c> or <c>*</c>.</param>
    /// <returns>This builder.</returns>
    public TaskConsumerBuilder Handle<THandler>(string tags)
        where THandler : class, ITaskHandler
    {
        ArgumentNullException.ThrowIfNull(tags);
        Services.TryAddScoped<THandler>();
        _handlers.Add((tags, CreateScopedHandler<THandler>));
        return this;
    }

    private static TaskHandler CreateScopedHandler<THandler>(IServiceProvider services)
        where THandler : class, ITaskHandler
    {
        var scopes = services.GetRequiredService<IServiceScopeFactory>();
        return async (context, cancellationToken) =>
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var handler = scope.ServiceProvider.GetRequiredService<THandler>();
                await handler.HandleAsync(context, cancellationToken).ConfigureAwait(false);
            }
        };
    }

    /// <summary>Registers every handler with <paramref name="consumer"/>, resolving what they need from <paramref name="services"/>.</summary>
    internal void Apply(TaskConsumer consumer, IServiceProvider services)
    {
        foreach (var (tags, create) in _handlers)
        {
            consumer.Register(tags, create(services));
        }
    }
}
