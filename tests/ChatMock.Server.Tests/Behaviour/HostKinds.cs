namespace ChatMock.Server.Tests.Behaviour;

/// <summary>Every <see cref="HostKind"/>, as the source of the behaviour fixtures (<c>[TestFixtureSource]</c>).</summary>
public static class HostKinds
{
    /// <summary>Gets every way of hosting, so that a new one runs the whole suite.</summary>
    public static IEnumerable<HostKind> All => Enum.GetValues<HostKind>();
}
