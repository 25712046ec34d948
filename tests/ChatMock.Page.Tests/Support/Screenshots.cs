namespace ChatMock.Page.Tests.Support;

/// <summary>Where the tests save their screenshots: <c>artifacts/page-screenshots/</c> at the repository root.</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Path.Combine(RepositoryRoot(), "artifacts", "page-screenshots");

    public static string PathFor(string name)
    {
        Directory.CreateDirectory(Folder);
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '_' or '-' ? c : '_'));
        return Path.Combine(Folder, safe + ".png");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ChatMock.sln")))
            {
                return folder.FullName;
            }
        }

        return Path.GetTempPath();
    }
}
