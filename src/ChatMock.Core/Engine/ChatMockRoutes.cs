namespace ChatMock.Engine;

/// <summary>The paths ChatMock serves.</summary>
public static class ChatMockRoutes
{
    /// <summary>The path of the AddChatMessage agent call; matched case-insensitively, as IIS does.</summary>
    public const string AddChatMessage = "/api/v1/Agents/Chat/AddChatMessage";

    internal static bool IsAddChatMessage(string path)
    {
        var span = path.AsSpan();
        if (span.Length == AddChatMessage.Length + 1 && span[^1] == '/')
        {
            span = span[..^1];
        }

        return span.Equals(AddChatMessage, StringComparison.OrdinalIgnoreCase);
    }
}
