using System.Text.Json;
using ChatMock.Bodies;

namespace ChatMock.Core.Tests.Support;

/// <summary>Bodies read as the engine reads them, into documents that outlive the reader's pooled one.</summary>
internal static class BodyDocuments
{
    /// <summary>The body's document, or null when it cannot be read.</summary>
    public static JsonElement? Read(byte[] body)
    {
        if (!JsonBodyReader.TryRead(body, out var document, out _))
        {
            return null;
        }

        using (document)
        {
            return document.RootElement.Clone();
        }
    }
}
