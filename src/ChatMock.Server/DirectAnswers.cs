using Microsoft.AspNetCore.Http;
using WireMock.Server;

namespace ChatMock.Server;

/// <summary>
/// Decides whether the engine may answer a request straight away, in front of WireMock.Net: only while the engine's
/// catch-all is the only mapping besides WireMock.Net's admin interface, that is, while WireMock.Net's matching could
/// only choose the engine (DESIGN.md D7). It saves that matching, which scores every request against each of the
/// admin interface's mappings and costs more than the engine itself.
/// </summary>
/// <remarks>
/// Mappings change through the admin API, the mapping folder and ChatMock's own resets, each bracketed with
/// <see cref="BeginChange"/> and <see cref="EndChange"/>; the verdict is worked out again after every change, and no
/// request is answered directly while one is under way. Mappings added through <see cref="ChatMockServer.WireMock"/>
/// cannot be seen coming, so handing that out turns direct answers off for good (<see cref="TurnOff"/>).
/// </remarks>
internal sealed class DirectAnswers(WireMockServer wireMock, bool enabled)
{
    private volatile bool _off = !enabled;
    private int _changesUnderway;
    private int _version;
    private Verdict? _verdict;
    private long _answered;

    /// <summary>Gets how many requests were answered directly (for tests and diagnostics).</summary>
    public long Answered => Interlocked.Read(ref _answered);

    /// <summary>Sends every request through WireMock.Net's matching from now on.</summary>
    public void TurnOff() => _off = true;

    /// <summary>Counts one request answered directly.</summary>
    public void CountAnswered() => Interlocked.Increment(ref _answered);

    /// <summary>Marks the start of something that may add, remove or disable mappings.</summary>
    public void BeginChange()
    {
        Interlocked.Increment(ref _changesUnderway);
        Interlocked.Increment(ref _version);
    }

    /// <summary>Marks the end of what <see cref="BeginChange"/> started: the next request works the verdict out again.</summary>
    public void EndChange()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Decrement(ref _changesUnderway);
    }

    /// <summary>Whether the engine may answer <paramref name="request"/> (one of the mocked API) without WireMock.Net's matching.</summary>
    public bool Allow(HttpRequest request)
    {
        if (_off)
        {
            return false;
        }

        // The front door sends only requests of the mocked API here (RequestTarget), compressed ones included: the
        // host adapter decodes those as WireMock.Net would have, within the same limit.
        if (request.Path.Value is null)
        {
            return false;
        }

        var version = Volatile.Read(ref _version);
        if (Volatile.Read(ref _changesUnderway) != 0)
        {
            return false;
        }

        var verdict = Volatile.Read(ref _verdict);
        if (verdict is not null && verdict.Version == version)
        {
            return verdict.OnlyEngine;
        }

        var onlyEngine = OnlyEngineMapping();

        // A change that began while the mappings were being read may have been half seen: trust the verdict only if
        // none did.
        if (Volatile.Read(ref _changesUnderway) != 0 || Volatile.Read(ref _version) != version)
        {
            return false;
        }

        Volatile.Write(ref _verdict, new Verdict(version, onlyEngine));
        return onlyEngine;
    }

    /// <summary>Whether the engine's mapping is the only one WireMock.Net would match a non-admin request with.</summary>
    private bool OnlyEngineMapping()
    {
        var engine = false;
        foreach (var mapping in wireMock.Mappings)
        {
            if (mapping.IsAdminInterface)
            {
                continue;
            }

            if (mapping.Guid != ChatMockServer.EngineMappingGuid)
            {
                return false;
            }

            engine = !mapping.IsDisabled && mapping.TimeSettings is null && mapping.Probability is null;
        }

        return engine;
    }

    private sealed record Verdict(int Version, bool OnlyEngine);
}
