namespace ChatMock.Server.Tests.Behaviour;

/// <summary>The two ways ChatMock is hosted; the behaviour suite runs against each.</summary>
public enum HostKind
{
    /// <summary>ChatMock.Testing's TestServer host, no port.</summary>
    InMemory,

    /// <summary>ChatMock.Server's WireMock.Net host on a loopback port chosen by the system.</summary>
    Standalone,
}
