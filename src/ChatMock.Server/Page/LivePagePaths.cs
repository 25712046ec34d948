namespace ChatMock.Server.Page;

/// <summary>Where the live page and its endpoints live, under ChatMock's admin prefix.</summary>
internal static class LivePagePaths
{
    /// <summary>The page itself; its assets and endpoints are below it.</summary>
    public const string Page = "/__admin/chatmock/ui";

    /// <summary>The stream of new calls (server-sent events).</summary>
    public const string Events = "events";

    /// <summary>The stored sessions; <c>sessions/{id}</c> is one session with its messages.</summary>
    public const string Sessions = "sessions";

    /// <summary>The settings in force, secrets left out.</summary>
    public const string Settings = "settings";

    /// <summary>The contract: openapi.json, the schemas and the examples.</summary>
    public const string Contract = "contract";
}
