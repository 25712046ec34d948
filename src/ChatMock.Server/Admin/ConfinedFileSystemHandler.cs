using System.Text;
using Microsoft.Extensions.Logging;
using WireMock.Handlers;

namespace ChatMock.Server.Admin;

/// <summary>
/// WireMock.Net's only way to the file system, confined to the mapping folder (<see cref="ChatMockOptions.MappingsPath"/>):
/// it reads mapping files there, and reads or writes any other file (a mapping's <c>BodyAsFile</c>, the
/// <c>/__admin/files</c> endpoints, saved mappings) only when <see cref="ChatMockOptions.AllowMappingFiles"/> is on
/// and the file lies inside that folder. Without a folder, no file is read or written at all. A mapping file that
/// proxies or names a file while that is not allowed is skipped, with a warning in the log.
/// </summary>
internal sealed class ConfinedFileSystemHandler(string? folder, MappingInspector inspector, bool allowFiles, ILogger logger) : IFileSystemHandler
{
    private readonly string? _folder = folder is null ? null : Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));

    public string GetMappingFolder() => _folder ?? Path.Combine(Path.GetTempPath(), "chatmock-no-mapping-folder");

    public bool FolderExists(string path) => Inside(path) is { } full && Directory.Exists(full);

    public void CreateFolder(string path) => Directory.CreateDirectory(Writable(path));

    public IEnumerable<string> EnumerateFiles(string path, bool includeSubdirectories) =>
        Inside(path) is { } full && Directory.Exists(full)
            ? Directory.EnumerateFiles(full, "*", includeSubdirectories ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            : [];

    public string GetUnmatchedRequestsFolder() => Path.Combine(GetMappingFolder(), "requests");

    public string ReadMappingFile(string path)
    {
        var full = Inside(path) ?? throw Refused(path);
        var text = File.ReadAllText(full);
        if (inspector.Refusal(text) is { } refusal)
        {
            logger.LogWarning("Mapping file {File} skipped: {Refusal}", full, refusal);
            return "[]";
        }

        return text;
    }

    public void WriteMappingFile(string path, string text) => File.WriteAllText(Writable(path), text);

    public byte[] ReadResponseBodyAsFile(string path) => File.ReadAllBytes(Readable(path));

    public string ReadResponseBodyAsString(string path) => File.ReadAllText(Readable(path), Encoding.UTF8);

    public bool FileExists(string filename) => allowFiles && Inside(filename) is { } full && File.Exists(full);

    public void WriteFile(string filename, byte[] bytes) => File.WriteAllBytes(Writable(filename), bytes);

    public void WriteFile(string folder, string filename, byte[] bytes) => File.WriteAllBytes(Writable(Path.Combine(folder, filename)), bytes);

    public void DeleteFile(string filename) => File.Delete(Writable(filename));

    public byte[] ReadFile(string filename) => File.ReadAllBytes(Readable(filename));

    public string ReadFileAsString(string filename) => File.ReadAllText(Readable(filename), Encoding.UTF8);

    public void WriteUnmatchedRequest(string filename, string text) => File.WriteAllText(Writable(Path.Combine(GetUnmatchedRequestsFolder(), filename)), text);

    /// <summary>The full path of <paramref name="path"/> (relative ones from the folder) when it lies inside the folder; otherwise null.</summary>
    private string? Inside(string path)
    {
        if (_folder is null || string.IsNullOrEmpty(path))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(_folder, path));
        return full == _folder || full.StartsWith(_folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) ? full : null;
    }

    private string Readable(string path) => allowFiles && Inside(path) is { } full ? full : throw Refused(path);

    private string Writable(string path) => Readable(path);

    private UnauthorizedAccessException Refused(string path) => new(_folder is null
        ? $"ChatMock reads and writes no files for mappings ('{path}'): no MappingsPath is set."
        : allowFiles
            ? $"ChatMock reads and writes mapping files only inside '{_folder}'; '{path}' is outside it."
            : $"Mappings may not read or write files ('{path}') unless AllowMappingFiles is set.");
}
