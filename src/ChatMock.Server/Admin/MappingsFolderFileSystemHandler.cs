using WireMock.Handlers;

namespace ChatMock.Server.Admin;

/// <summary>
/// Points WireMock.Net's mapping folder at <see cref="ChatMockOptions.MappingsPath"/> itself (WireMock's default is
/// <c>__admin/mappings</c> below a root), so that its own reading, watching and <c>reloadStaticMappings</c> use it.
/// </summary>
internal sealed class MappingsFolderFileSystemHandler : LocalFileSystemHandler
{
    private readonly string _folder;

    public MappingsFolderFileSystemHandler(string folder)
        : base(folder)
    {
        _folder = folder;
    }

    public override string GetMappingFolder() => _folder;
}
