using ChatMock.Engine;
using ChatMock.Hosting;
using ChatMock.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the AddChatMessage call to the ChatMock engine registered with <c>AddChatMock</c>.</summary>
public static class ChatMockEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/api/v1/Agents/Chat/AddChatMessage</c> (every method: POST answers, GET describes, OPTIONS answers
    /// CORS, others get 405) to the registered <see cref="ChatMockEngine"/>.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <returns>A builder to add conventions to the endpoint, such as authorization policies.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoints"/> is null.</exception>
    /// <exception cref="InvalidOperationException">No engine was registered with <c>AddChatMock</c>.</exception>
    public static IEndpointConventionBuilder MapChatMock(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var engine = endpoints.ServiceProvider.GetService<ChatMockEngine>()
            ?? throw new InvalidOperationException("No ChatMock engine is registered; call services.AddChatMock() before MapChatMock().");
        var limit = engine.Options.MaxRequestBodyBytes;
        return endpoints.Map(ChatMockRoutes.AddChatMessage, context => ChatMockHttpAdapter.HandleAsync(context, engine, limit))
            .WithDisplayName("ChatMock AddChatMessage");
    }
}
