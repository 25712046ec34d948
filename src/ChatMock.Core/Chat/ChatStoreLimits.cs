namespace ChatMock.Chat;

/// <summary>The limits of a chat store; what happens at each is documented in docs/chat-api.md.</summary>
/// <param name="MaxSessions">The most sessions kept; at the limit, a new session removes the least recently active one.</param>
/// <param name="MaxMessagesPerSession">The most messages one session keeps; at the limit, a new message is refused (507) and nothing is lost.</param>
/// <param name="MaxMessages">The most messages kept in all; above it, the least recently active sessions are removed whole.</param>
/// <param name="MaxBytes">
/// The most bytes the messages take in all, as kept; above it, the least recently active sessions are removed whole,
/// and a message that would take one session past it alone is refused and nothing is lost. At most 1 GiB is used, so
/// that a session's bytes always fit in one array.
/// </param>
public sealed record ChatStoreLimits(int MaxSessions, int MaxMessagesPerSession, int MaxMessages, long MaxBytes = ChatStoreLimits.DefaultMaxBytes)
{
    /// <summary>The default of <see cref="MaxBytes"/>: 128 MiB.</summary>
    public const long DefaultMaxBytes = 128L * 1_048_576;

    /// <summary>Gets <see cref="MaxBytes"/> as the store uses it: at most 1 GiB.</summary>
    internal long UsedMaxBytes => Math.Clamp(MaxBytes, 0, 1L << 30);
}
