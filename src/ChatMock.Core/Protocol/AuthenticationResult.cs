namespace ChatMock.Protocol;

/// <summary>The outcome of checking a call's credentials.</summary>
internal readonly record struct AuthenticationResult(bool IsAccepted, Credentials? Credentials, string? Problem)
{
    public static AuthenticationResult Accepted(Credentials? credentials) => new(true, credentials, null);

    public static AuthenticationResult Refused(string problem) => new(false, null, problem);
}
