using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ChatMock.Server.FrontDoor;

/// <summary>
/// The body headers of a request as its client sent them (<c>Content-Encoding</c>, <c>Content-Length</c>), kept as a
/// request feature when the front door puts the decoded body in their place for WireMock.Net's matching, so that the
/// engine records the request as sent whichever path answers it.
/// </summary>
internal sealed class SentBodyHeaders
{
    private readonly StringValues _contentEncoding;
    private readonly StringValues _contentLength;

    private SentBodyHeaders(StringValues contentEncoding, StringValues contentLength)
    {
        _contentEncoding = contentEncoding;
        _contentLength = contentLength;
    }

    /// <summary>
    /// Puts <paramref name="bytes"/> (the body read and decoded) in place of the body of <paramref name="request"/>,
    /// with the headers that describe it, and keeps the ones that came in (<see cref="Of"/>). A request that sent no
    /// body and no body headers keeps its headers as they are.
    /// </summary>
    public static void ReplaceBody(HttpRequest request, ReadOnlyMemory<byte> bytes)
    {
        var headers = request.Headers;
        request.Body = new MemoryStream(bytes.ToArray(), writable: false);
        if (bytes.IsEmpty && request.ContentLength is null && headers.ContentEncoding.Count == 0)
        {
            return;
        }

        request.HttpContext.Features.Set(new SentBodyHeaders(headers.ContentEncoding, headers.ContentLength is null ? StringValues.Empty : headers[HeaderNames.ContentLength]));
        headers.Remove(HeaderNames.ContentEncoding);
        request.ContentLength = bytes.Length;
    }

    /// <summary>Gets the body headers as sent, when the front door replaced them; null when the request is as it came.</summary>
    public static SentBodyHeaders? Of(HttpContext? context) => context?.Features.Get<SentBodyHeaders>();

    /// <summary>Whether <paramref name="name"/> is one of the headers this holds as sent.</summary>
    public static bool Holds(string name) =>
        name.Equals(HeaderNames.ContentEncoding, StringComparison.OrdinalIgnoreCase)
        || name.Equals(HeaderNames.ContentLength, StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds the headers as sent to <paramref name="headers"/>.</summary>
    public void AddTo(List<KeyValuePair<string, string>> headers)
    {
        foreach (var value in _contentEncoding)
        {
            headers.Add(new(HeaderNames.ContentEncoding, value ?? string.Empty));
        }

        foreach (var value in _contentLength)
        {
            headers.Add(new(HeaderNames.ContentLength, value ?? string.Empty));
        }
    }
}
