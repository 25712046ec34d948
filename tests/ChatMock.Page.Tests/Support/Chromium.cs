namespace ChatMock.Page.Tests.Support;

/// <summary>
/// Finds Debian's chromium, which tests/page/install-chromium.sh installs (Playwright's own browser download is out of
/// reach): <c>CHATMOCK_CHROMIUM</c> when set, else the usual paths.
/// </summary>
internal static class Chromium
{
    public const string Variable = "CHATMOCK_CHROMIUM";

    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/lib/chromium/chromium"];

    /// <summary>Returns the path of the chromium executable, or null when none is installed.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        return Candidates.FirstOrDefault(File.Exists);
    }

    /// <summary>Why the browser tests are ignored when there is no chromium.</summary>
    public static string MissingReason =>
        $"No chromium found ({string.Join(", ", Candidates)} or ${Variable}): run tests/page/install-chromium.sh (as root), or bash .ci/steps/page.";
}
