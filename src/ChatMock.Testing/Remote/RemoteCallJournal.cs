using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text.Json;
using ChatMock.Journal;

namespace ChatMock.Testing.Remote;

/// <summary>
/// The journal of a ChatMock server running elsewhere (the <c>chatmock</c> tool, <c>dotnet run</c> or the Docker
/// image), read through its admin API (<c>/__admin/chatmock/calls</c>). Pass it to <c>Assert.That</c> with
/// <see cref="Received"/>: the constraints and their failure messages are those of the in-memory host.
/// </summary>
/// <remarks>
/// Each member is one or more HTTP requests to the server, made when it is called; <see cref="GetCalls"/> reads the
/// calls page by page up to the newest call when it started, so that calls recorded meanwhile do not appear. Create
/// it with <see cref="ChatMockRemote"/>.
/// </remarks>
public sealed class RemoteCallJournal : ICallJournal
{
    /// <summary>How many calls <see cref="GetCalls"/> asks for in one request; the admin API answers at most 10,000.</summary>
    public const int PageSize = 1_000;

    private const string CallsPath = "__admin/chatmock/calls";
    private readonly HttpClient _client;
    private readonly string? _adminToken;

    internal RemoteCallJournal(HttpClient client, string? adminToken)
    {
        _client = client;
        _adminToken = adminToken;
    }

    /// <summary>Gets how many calls the server's journal keeps at most (its <c>JournalCapacity</c>).</summary>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public int Capacity => Completed(ReadPageAsync(0, 0, async: false, CancellationToken.None)).Capacity;

    /// <summary>Gets how many calls the server's journal holds now.</summary>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public int Count
    {
        get
        {
            using var document = Completed(SendAsync(HttpMethod.Get, CallsPath + "/count", async: false, CancellationToken.None))!;
            return document.RootElement.GetProperty("count").GetInt32();
        }
    }

    /// <summary>Gets how many calls the server recorded since it started or was last reset, dropped ones included.</summary>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public long TotalRecorded => Completed(ReadPageAsync(0, 0, async: false, CancellationToken.None)).TotalRecorded;

    /// <summary>Gets the id of the newest call the server's journal holds, or 0 when it holds none.</summary>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public long LastId => Completed(ReadPageAsync(0, 0, async: false, CancellationToken.None)).NewestId ?? 0;

    /// <summary>Returns the calls the server's journal holds, oldest first.</summary>
    /// <returns>A snapshot: calls recorded after the first page was read do not appear in it.</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public IReadOnlyList<RecordedCall> GetCalls() => ReadAll(CancellationToken.None).Calls;

    /// <summary>Returns the calls the server's journal holds, oldest first.</summary>
    /// <param name="cancellationToken">Stops the reading.</param>
    /// <returns>A snapshot: calls recorded after the first page was read do not appear in it.</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public async Task<IReadOnlyList<RecordedCall>> GetCallsAsync(CancellationToken cancellationToken = default) =>
        (await ReadAllAsync(async: true, cancellationToken).ConfigureAwait(false)).Calls;

    /// <summary>Finds a call by its id, as the server numbered it.</summary>
    /// <param name="id">The id of the call.</param>
    /// <returns>The call, or <see langword="null"/> when the server does not hold it (never recorded, cleared or dropped).</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public RecordedCall? Find(long id) => Completed(FindAsync(id, async: false, CancellationToken.None));

    /// <summary>Finds a call by its id, as the server numbered it.</summary>
    /// <param name="id">The id of the call.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The call, or <see langword="null"/> when the server does not hold it (never recorded, cleared or dropped).</returns>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    public Task<RecordedCall?> FindAsync(long id, CancellationToken cancellationToken = default) =>
        FindAsync(id, async: true, cancellationToken).AsTask();

    /// <summary>Forgets every call the server recorded (<c>DELETE /__admin/chatmock/calls</c>); message ids go on.</summary>
    /// <exception cref="HttpRequestException">The server could not be reached or refused the admin request.</exception>
    [Obsolete("Call ChatMockRemote.Reset() or ResetAsync(): the one way to reset, which can also reset ids.")]
    public void Clear() => Completed(ResetAsync(resetIds: false, async: false, CancellationToken.None));

    /// <summary>Reads every call, synchronously: NUnit constraints are.</summary>
    internal (IReadOnlyList<RecordedCall> Calls, long TotalRecorded, int Capacity) ReadAll(CancellationToken cancellationToken) =>
        Completed(ReadAllAsync(async: false, cancellationToken));

    /// <summary>Clears the server's journal (and its message ids when <paramref name="resetIds"/>).</summary>
    internal async ValueTask<bool> ResetAsync(bool resetIds, bool async, CancellationToken cancellationToken)
    {
        var path = resetIds ? CallsPath + "?resetIds=true" : CallsPath;
        using var _ = await SendAsync(HttpMethod.Delete, path, async, cancellationToken).ConfigureAwait(false);
        return true;
    }

    // Each reading is written once, as a ValueTask: with async false every step runs synchronously (HttpClient.Send,
    // ReadAsStream, JsonDocument.Parse), so the task is complete when it is returned and Completed reads it without
    // blocking a thread on asynchronous work.
    private static T Completed<T>(ValueTask<T> task)
    {
        System.Diagnostics.Debug.Assert(task.IsCompleted, "a synchronous reading completes before it returns");
        return task.GetAwaiter().GetResult();
    }

    private async ValueTask<RecordedCall?> FindAsync(long id, bool async, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"{CallsPath}/{id}");
        using var document = await SendAsync(HttpMethod.Get, path, async, cancellationToken, notFoundIsNull: true).ConfigureAwait(false);
        return document is null ? null : ReadCall(document.RootElement);
    }

    /// <summary>Reads every call, page by page after the previous page's last id, up to the newest call of the first page.</summary>
    private async ValueTask<(IReadOnlyList<RecordedCall> Calls, long TotalRecorded, int Capacity)> ReadAllAsync(bool async, CancellationToken cancellationToken)
    {
        var first = await ReadPageAsync(0, PageSize, async, cancellationToken).ConfigureAwait(false);
        var calls = new List<RecordedCall>(first.Calls);
        var page = first;
        while (page.Calls.Count == PageSize && first.NewestId is { } newest && calls[^1].Id < newest)
        {
            page = await ReadPageAsync(calls[^1].Id, PageSize, async, cancellationToken).ConfigureAwait(false);
            calls.AddRange(page.Calls.Where(call => call.Id <= newest));
        }

        return (calls, first.TotalRecorded, first.Capacity);
    }

    private async ValueTask<Page> ReadPageAsync(long sinceId, int limit, bool async, CancellationToken cancellationToken)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"{CallsPath}?sinceId={sinceId}&limit={limit}&order=oldest");
        using var document = (await SendAsync(HttpMethod.Get, path, async, cancellationToken).ConfigureAwait(false))!;
        var root = document.RootElement;
        var calls = root.GetProperty("calls").EnumerateArray().Select(ReadCall).ToList();
        var newestId = root.TryGetProperty("newestId", out var newest) && newest.ValueKind == JsonValueKind.Number ? newest.GetInt64() : (long?)null;

        // A server older than these fields says nothing of dropped calls; then none are reported.
        var capacity = root.TryGetProperty("capacity", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : 0;
        var total = root.TryGetProperty("totalRecorded", out var t) && t.ValueKind == JsonValueKind.Number ? t.GetInt64() : root.GetProperty("total").GetInt64();
        return new Page(calls, newestId, capacity, total);
    }

    // The server answers a call in the journal's own format; its JSON is read where the document holds it.
    private static RecordedCall ReadCall(JsonElement call) => RecordedCallJson.Read(JsonMarshal.GetRawUtf8Value(call));

    /// <summary>Sends one admin request and reads its JSON answer; null for a 404 when <paramref name="notFoundIsNull"/>.</summary>
    private async ValueTask<JsonDocument?> SendAsync(HttpMethod method, string path, bool async, CancellationToken cancellationToken, bool notFoundIsNull = false)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (_adminToken is not null)
        {
            // Bearer unless the client's own Authorization header is taken (by credentials for the mocked API).
            if (_client.DefaultRequestHeaders.Authorization is null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _adminToken);
            }
            else
            {
                request.Headers.Add(ChatMockRemote.AdminTokenHeader, _adminToken);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = async
                ? await _client.SendAsync(request, cancellationToken).ConfigureAwait(false)
                : SendRequest(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new HttpRequestException(
                $"ChatMock's admin API at {Describe(request)} could not be reached: {ex.Message} Is the server running there?",
                ex,
                ex.StatusCode);
        }

        using (response)
        {
            if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            using var stream = async
                ? await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false)
                : response.Content.ReadAsStream(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw Refused(request, response, stream);
            }

            return async
                ? await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false)
                : JsonDocument.Parse(stream);
        }
    }

    private HttpResponseMessage SendRequest(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return _client.Send(request, cancellationToken);
        }
        catch (NotSupportedException)
        {
            // A handler without a synchronous path (a browser's, a custom one): wait for the asynchronous one.
            return _client.SendAsync(request, cancellationToken).GetAwaiter().GetResult();
        }
    }

    private string Describe(HttpRequestMessage request) =>
        request.RequestUri is { } uri && _client.BaseAddress is { } baseAddress ? new Uri(baseAddress, uri).ToString() : request.RequestUri?.ToString() ?? "?";

    private HttpRequestException Refused(HttpRequestMessage request, HttpResponseMessage response, Stream body)
    {
        var detail = string.Empty;
        try
        {
            using var envelope = JsonDocument.Parse(body);
            if (envelope.RootElement.ValueKind == JsonValueKind.Object
                && envelope.RootElement.TryGetProperty("ErrorMessage", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                detail = " " + message.GetString();
            }
        }
        catch (JsonException)
        {
            // Not SuperOffice's error envelope: not ChatMock, or not its admin API; the status says enough.
        }

        var status = (int)response.StatusCode;
        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => " The server has an admin token (AdminToken): pass it to ChatMockRemote.",
            HttpStatusCode.NotFound when detail.Length == 0 => " Is it a ChatMock server (the chatmock tool or the image)?",
            _ => string.Empty,
        };
        return new HttpRequestException(
            string.Create(CultureInfo.InvariantCulture, $"ChatMock's admin API at {Describe(request)} answered {status} {response.ReasonPhrase}.{detail}{hint}"),
            null,
            response.StatusCode);
    }

    private sealed record Page(List<RecordedCall> Calls, long? NewestId, int Capacity, long TotalRecorded);
}
