using System.Text.Json;
using ChatMock.Server.Admin.Patterns;
using Microsoft.Extensions.Logging;
using WireMock.Server;

namespace ChatMock.Server.Admin;

/// <summary>
/// Reads the files of the mapping folder (<see cref="ChatMockOptions.MappingsPath"/>), each in WireMock.Net's format
/// (read by WireMock.Net) or in WireMock's (one stub, or <c>{"mappings": [...]}</c>, translated by
/// <see cref="WireMockStubs"/>). WireMock.Net's own reading would keep a WireMock-format stub with none of its
/// matchers, answering every request.
/// </summary>
internal sealed partial class MappingFiles(string folder, WireMockServer wireMock, WireMockStubs stubs, ILogger logger)
{
    /// <summary>Reads every <c>*.json</c> file of the folder.</summary>
    public void LoadAll()
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            Load(path);
        }
    }

    /// <summary>Removes what one file added and reads it again (nothing is added when it is gone).</summary>
    public void Reload(string path)
    {
        stubs.RemoveFrom(path);
        var fileGuid = Guid.TryParse(Path.GetFileNameWithoutExtension(path), out var parsed) ? parsed : (Guid?)null;
        foreach (var mapping in wireMock.Mappings.Where(m => string.Equals(m.Path, path, StringComparison.Ordinal) || m.Guid == fileGuid).ToList())
        {
            wireMock.DeleteMapping(mapping.Guid);
        }

        if (File.Exists(path))
        {
            Load(path);
        }
    }

    private void Load(string path)
    {
        try
        {
            var text = File.ReadAllText(path);
            bool wireMockFormat;
            using (var document = JsonDocument.Parse(text))
            {
                wireMockFormat = WireMockStubs.IsWireMockFormat(document.RootElement);
                if (wireMockFormat)
                {
                    stubs.Add(document.RootElement, path);
                }
            }

            if (!wireMockFormat && !wireMock.ReadStaticMappingAndAddOrUpdate(path))
            {
                LogUnreadable(logger, path, "WireMock.Net could not read it", null);
            }
        }
        catch (PatternException ex)
        {
            LogUnreadable(logger, path, $"{ex.Pointer}: {ex.Message}", null);
        }
#pragma warning disable CA1031 // A bad mapping file must not stop the others; it is logged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogUnreadable(logger, path, ex.Message, ex);
        }
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Could not read the mapping file {Path}: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string path, string reason, Exception? exception);
}
