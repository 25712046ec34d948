using System.Collections.Specialized;
using System.Globalization;
using System.Text;
using ChatMock.Engine;
using ChatMock.Journal;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using WireMock;
using WireMock.Logging;
using WireMock.Types;

namespace ChatMock.Server.Admin;

/// <summary>
/// Records in ChatMock's journal the calls the engine never saw: those a user's WireMock mapping answered
/// (operation <c>WireMockMapping</c>) and those no mapping matched at all (operation null). WireMock.Net reports
/// them through its request log, so this needs <see cref="ChatMockOptions.WireMockLogCapacity"/> of 1 or more.
/// </summary>
internal sealed partial class MappingCallRecorder
{
    /// <summary>The <see cref="RecordedCall.Operation"/> of a call a user's WireMock mapping answered.</summary>
    public const string MappingOperation = "WireMockMapping";

    private const int BodyLimit = 64 * 1024;

    private readonly CallJournal? _journal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public MappingCallRecorder(ICallJournal journal, TimeProvider timeProvider, ILogger logger)
    {
        _journal = journal as CallJournal;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public void OnLogEntriesChanged(object? sender, NotifyCollectionChangedEventArgs e)
    {
        if (e.Action != NotifyCollectionChangedAction.Add || e.NewItems is null || _journal is null)
        {
            return;
        }

        foreach (var item in e.NewItems)
        {
            if (item is ILogEntry entry)
            {
                Record(entry);
            }
        }
    }

    private static string Title(ILogEntry entry) =>
        string.IsNullOrEmpty(entry.MappingTitle) ? entry.MappingGuid!.Value.ToString() : $"{entry.MappingGuid} ('{entry.MappingTitle}')";

    private static List<KeyValuePair<string, string>> Headers(IDictionary<string, WireMockList<string>>? headers)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in headers ?? new Dictionary<string, WireMockList<string>>())
        {
            foreach (var value in values)
            {
                list.Add(new(name, string.Equals(name, "Authorization", StringComparison.OrdinalIgnoreCase) ? AuthorizationRedactor.Redact(value) : value));
            }
        }

        return list;
    }

    private static (string Text, long Length) RequestBody(IRequestMessage request)
    {
        if (request.BodyData?.BodyAsBytes is { } bytes)
        {
            return (Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, BodyLimit)), bytes.Length);
        }

        var text = request.Body ?? request.BodyData?.BodyAsString ?? string.Empty;
        return (text.Length > BodyLimit ? text[..BodyLimit] : text, Encoding.UTF8.GetByteCount(text));
    }

    private static string ResponseBody(IResponseMessage? response)
    {
        var body = response?.BodyData;
        if (body is null)
        {
            return string.Empty;
        }

        if (body.BodyAsString is { } text)
        {
            return text;
        }

        if (body.BodyAsBytes is { } bytes)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        if (body.BodyAsJson is { } json)
        {
            return JsonConvert.SerializeObject(json);
        }

        return body.BodyAsFile is { } file ? "(the file " + file + ")" : string.Empty;
    }

    private static int StatusCode(object? status) => status switch
    {
        null => 200,
        int code => code,
        System.Net.HttpStatusCode code => (int)code,
        string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) => code,
        _ => 200,
    };

    private void Record(ILogEntry entry)
    {
        try
        {
            if (entry.MappingGuid == ChatMockServer.EngineMappingGuid || entry.RequestMessage is not { } request
                || request.Path.StartsWith(AdminPaths.Admin + "/", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            var (body, length) = RequestBody(request);
            var response = entry.ResponseMessage;
            var responseHeaders = Headers(response?.Headers);
            var matched = entry.MappingGuid is not null;
            _journal!.Record(new RecordedCall
            {
                Timestamp = _timeProvider.GetUtcNow(),
                Duration = TimeSpan.Zero,
                Request = new RecordedRequest
                {
                    Method = request.Method,
                    Path = request.Path,
                    QueryString = string.IsNullOrEmpty(request.RawQuery) ? string.Empty : "?" + request.RawQuery.TrimStart('?'),
                    Headers = Headers(request.Headers),
                    Body = body,
                    BodyLength = length,
                },
                Operation = matched ? MappingOperation : null,
                Warnings =
                [
                    matched
                        ? $"Answered by the WireMock mapping {Title(entry)}, not by ChatMock: the request was not checked against the contract."
                        : "No WireMock mapping matched: the ChatMock engine mapping is disabled or was removed.",
                ],
                Response = new RecordedResponse
                {
                    StatusCode = StatusCode(response?.StatusCode),
                    ContentType = responseHeaders.FirstOrDefault(h => string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)).Value ?? string.Empty,
                    Body = ResponseBody(response),
                },
            });
        }
#pragma warning disable CA1031 // The journal never breaks a request (DESIGN.md D6): log and go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRecordFailed(_logger, ex);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Could not record a call answered by a WireMock mapping in the journal")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception);
}
