namespace ChatMock.Engine;

/// <summary>The paths ChatMock serves.</summary>
public static class ChatMockRoutes
{
    /// <summary>The path of the AddChatMessage agent call; matched case-insensitively, as IIS does.</summary>
    public const string AddChatMessage = "/api/v1/Agents/Chat/AddChatMessage";
}
