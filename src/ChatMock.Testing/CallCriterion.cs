using ChatMock.Journal;

namespace ChatMock.Testing;

/// <summary>One condition of a <see cref="CallPattern"/>: what it asks for, and why a call fails it.</summary>
internal sealed class CallCriterion
{
    public CallCriterion(string phrase, Func<RecordedCall, string?> explain, bool needsBody = false)
    {
        Phrase = phrase;
        Explain = explain;
        NeedsBody = needsBody;
    }

    /// <summary>Gets the phrase that describes it, such as <c>with ChatSessionId 403</c>.</summary>
    public string Phrase { get; }

    /// <summary>Gets the function that returns why a call fails it, or null when the call meets it.</summary>
    public Func<RecordedCall, string?> Explain { get; }

    /// <summary>
    /// Gets whether it reads the parsed AddChatMessage body; its reason is left out when the call is not an
    /// AddChatMessage call at all, which says enough.
    /// </summary>
    public bool NeedsBody { get; }
}
