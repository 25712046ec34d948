using System.Collections.Specialized;
using ChatMock.Journal;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Types;

namespace ChatMock.Server;

/// <summary>
/// Redacts the secrets of each request WireMock.Net's own log keeps (only when <see cref="ChatMockOptions.WireMockLogCapacity"/>
/// is above 0; it is 0 by default, ChatMock's journal being the request log), as the journal does: the moment an
/// entry is added, before anything can read it.
/// </summary>
internal static class WireMockLogRedaction
{
    public static void Attach(WireMockServer wireMock) => wireMock.LogEntriesChanged += OnLogEntriesChanged;

    private static void OnLogEntriesChanged(object? sender, NotifyCollectionChangedEventArgs e)
    {
        if (e.NewItems is null)
        {
            return;
        }

        foreach (var item in e.NewItems)
        {
            if (item is ILogEntry { RequestMessage: { } request })
            {
                Redact(request.Headers);
                if (request.Cookies is { IsReadOnly: false } cookies)
                {
                    foreach (var name in cookies.Keys.ToList())
                    {
                        cookies[name] = HeaderRedaction.Hidden;
                    }
                }
            }
        }
    }

    private static void Redact(IDictionary<string, WireMockList<string>>? headers)
    {
        if (headers is null || headers.IsReadOnly)
        {
            return;
        }

        foreach (var name in headers.Keys.Where(HeaderRedaction.IsSecret).ToList())
        {
            headers[name] = new WireMockList<string>(headers[name].Select(value => HeaderRedaction.Redact(name, value)).ToArray());
        }
    }
}
