using ChatMock.Engine;
using ChatMock.Hosting;
using ChatMock.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the chat API's operations to the ChatMock engine registered with <c>AddChatMock</c>.</summary>
public static class ChatMockEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every path below <c>/api/v1/</c> (every method) to the registered <see cref="ChatMockEngine"/>, which
    /// answers each operation contracts/openapi.json serves (the agent calls <c>/api/v1/Agents/Chat/&lt;Name&gt;</c>
    /// and their REST twins under <c>/api/v1/ChatSession</c> and <c>/api/v1/ChatTopic</c>: GET describes an agent
    /// call, OPTIONS answers CORS, another method gets 405) and any other path below <c>/api/v1/</c> with a 404
    /// that lists what is served. The application's own endpoints elsewhere are untouched.
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
        return endpoints.Map("/api/v1/{**operation}", context => ChatMockHttpAdapter.HandleAsync(context, engine, limit))
            .WithDisplayName("ChatMock chat API");
    }
}
