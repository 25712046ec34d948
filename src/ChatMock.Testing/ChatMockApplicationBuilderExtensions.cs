using ChatMock.Engine;
using ChatMock.Hosting;
using Microsoft.AspNetCore.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts the ChatMock engine into an ASP.NET Core pipeline.</summary>
internal static class ChatMockApplicationBuilderExtensions
{
    /// <summary>Answers every request that reaches this point of the pipeline with <paramref name="engine"/>.</summary>
    /// <param name="app">The application.</param>
    /// <param name="engine">The engine that answers and records the calls.</param>
    /// <returns>The application, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="app"/> or <paramref name="engine"/> is null.</exception>
    internal static IApplicationBuilder UseChatMock(this IApplicationBuilder app, ChatMockEngine engine)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(engine);
        var limit = engine.Options.MaxRequestBodyBytes;
        app.Run(context => ChatMockHttpAdapter.HandleAsync(context, engine, limit));
        return app;
    }
}
