using ChatMock.Protocol;

namespace ChatMock.Journal;

/// <summary>
/// One instance of each short text the journal keeps over and over (header names and common values, methods,
/// paths), so that ten thousand recorded calls hold references to a few strings rather than a copy each. Bounded
/// like every header cache: long or rare texts are kept as they came.
/// </summary>
internal static class JournalText
{
    private static readonly HeaderValueCache<string> Texts = new();

    public static string Shared(string text) => Texts.GetOrAdd(text, null, static (value, _) => value!);
}
