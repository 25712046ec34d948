using System.Globalization;
using System.Text;
using ChatMock.Engine;
using ChatMock.Journal;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using WireMock.Admin.Requests;
using WireMock.Types;

namespace ChatMock.Server.Admin;

/// <summary>
/// Records in ChatMock's journal the calls the engine never saw: those a user's WireMock mapping answered
/// (operation <c>WireMockMapping</c>) and those no mapping matched at all (operation null). WireMock.Net describes
/// every request it answered to its logger (<see cref="WireMockLoggerAdapter"/>), on the request's own thread and
/// whatever the size of its request log, which is where this learns of them. (Its request log's change event is
/// no good here: WireMock raises it through reflection, which kept compiling new invoke stubs under load.)
/// </summary>
internal sealed partial class MappingCallRecorder
{
    /// <summary>The <see cref="RecordedCall.Operation"/> of a call a user's WireMock mapping answered.</summary>
    public const string MappingOperation = "WireMockMapping";

    /// <summary>How the warning of a call answered by a user's mapping starts; the mapping's id follows.</summary>
    public const string AnsweredBy = "Answered by the WireMock mapping ";

    private const int BodyLimit = RecordedCallJson.BodyLimit;

    private readonly CallJournal? _journal;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    public MappingCallRecorder(ICallJournal journal, TimeProvider timeProvider, ILogger logger)
    {
        _journal = journal as CallJournal;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Records one request WireMock.Net answered, unless it was an admin request or the engine's.</summary>
    public void OnRequestAnswered(LogEntryModel entry, bool isAdminRequest)
    {
        if (_journal is null || isAdminRequest || entry.MappingGuid == ChatMockServer.EngineMappingGuid || entry.Request is not { } request
            || request.Path.StartsWith(AdminPaths.Admin + "/", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            Record(entry, request);
        }
#pragma warning disable CA1031 // The journal never breaks a request (DESIGN.md D6): log and go on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRecordFailed(_logger, ex);
        }
    }

    private static string Title(LogEntryModel entry) =>
        string.IsNullOrEmpty(entry.MappingTitle) ? entry.MappingGuid!.Value.ToString() : $"{entry.MappingGuid} ('{entry.MappingTitle}')";

    private static List<KeyValuePair<string, string>> Headers(IDictionary<string, WireMockList<string>>? headers)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in headers ?? new Dictionary<string, WireMockList<string>>())
        {
            foreach (var value in values)
            {
                list.Add(new(name, HeaderRedaction.Redact(name, value)));
            }
        }

        return list;
    }

    private static (string Text, long Length) RequestBody(LogRequestModel request)
    {
        if (request.BodyAsBytes is { } bytes)
        {
            return (Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, BodyLimit)), bytes.Length);
        }

        var text = request.Body ?? (request.BodyAsJson is { } json ? JsonConvert.SerializeObject(json) : string.Empty);
        return (text.Length > BodyLimit ? text[..BodyLimit] : text, Encoding.UTF8.GetByteCount(text));
    }

    private static string ResponseBody(LogResponseModel? response)
    {
        if (response is null)
        {
            return string.Empty;
        }

        if (response.Body is { } text)
        {
            return text;
        }

        if (response.BodyAsBytes is { } bytes)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        if (response.BodyAsJson is { } json)
        {
            return JsonConvert.SerializeObject(json);
        }

        return response.BodyAsFile is { } file ? "(the file " + file + ")" : string.Empty;
    }

    private static string QueryString(string url)
    {
        var start = url.IndexOf('?', StringComparison.Ordinal);
        return start < 0 ? string.Empty : url[start..];
    }

    private static int StatusCode(object? status) => status switch
    {
        null => 200,
        int code => code,
        System.Net.HttpStatusCode code => (int)code,
        string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code) => code,
        _ => 200,
    };

    private void Record(LogEntryModel entry, LogRequestModel request)
    {
        var (body, length) = RequestBody(request);
        var response = entry.Response;
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
                QueryString = QueryString(request.Url),
                Headers = Headers(request.Headers),
                Body = body,
                BodyLength = length,
            },
            Operation = matched ? MappingOperation : null,
            Warnings =
            [
                matched
                    ? $"{AnsweredBy}{Title(entry)}, not by ChatMock: the request was not checked against the contract."
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

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Could not record a call answered by a WireMock mapping in the journal")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception);
}
