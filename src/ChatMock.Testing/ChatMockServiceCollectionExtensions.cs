using ChatMock;
using ChatMock.Engine;
using ChatMock.Journal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers ChatMock in an application's services, to serve it from the application's own pipeline
/// (<c>MapChatMock</c>); its journal is registered as <see cref="ICallJournal"/>.
/// </summary>
public static class ChatMockServiceCollectionExtensions
{
    /// <summary>Registers ChatMock with default settings.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IServiceCollection AddChatMock(this IServiceCollection services) => services.AddChatMock(new ChatMockOptions());

    /// <summary>Registers ChatMock with settings changed from the defaults by <paramref name="configure"/>.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Changes the default settings.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="configure"/> is null.</exception>
    public static IServiceCollection AddChatMock(this IServiceCollection services, Action<ChatMockOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new ChatMockOptions();
        configure(options);
        return services.AddChatMock(options);
    }

    /// <summary>
    /// Registers ChatMock with <paramref name="options"/>, validated now, and its journal as <see cref="ICallJournal"/>.
    /// ChatMock takes its clock from a registered <see cref="TimeProvider"/>, if there is one. A second registration is ignored.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="options">The settings.</param>
    /// <returns>The services, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="options"/> is null.</exception>
    /// <exception cref="ChatMockOptionsException">A setting is out of range.</exception>
    public static IServiceCollection AddChatMock(this IServiceCollection services, ChatMockOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var copy = options.Clone();
        copy.Validate();
        services.TryAddSingleton(provider => new ChatMockEngine(copy, provider.GetService<TimeProvider>(), writeJournalLater: true));
        services.TryAddSingleton<ICallJournal>(provider => provider.GetRequiredService<ChatMockEngine>().Journal);
        return services;
    }
}
