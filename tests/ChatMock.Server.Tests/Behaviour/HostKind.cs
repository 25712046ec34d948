namespace ChatMock.Server.Tests.Behaviour;

/// <summary>The ways ChatMock is hosted and a request reaches the engine; the behaviour suite runs against each.</summary>
public enum HostKind
{
    /// <summary>ChatMock.Testing's TestServer host, no port.</summary>
    InMemory,

    /// <summary>
    /// ChatMock.Server's WireMock.Net host on a loopback port chosen by the system, with the engine's mapping the only
    /// one: the engine answers in front of WireMock.Net's matching (<see cref="DirectAnswers"/>).
    /// </summary>
    Standalone,

    /// <summary>
    /// The same server with a user's mapping on an unrelated path: every request goes through WireMock.Net's
    /// matching, which chooses the engine's catch-all mapping and answers through its callback.
    /// </summary>
    StandaloneThroughWireMock,
}
