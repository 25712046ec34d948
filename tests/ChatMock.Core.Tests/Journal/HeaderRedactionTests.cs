using ChatMock.Journal;

namespace ChatMock.Core.Tests.Journal;

public sealed class HeaderRedactionTests
{
    [TestCase("Authorization")]
    [TestCase("Proxy-Authorization")]
    [TestCase("Cookie")]
    [TestCase("Set-Cookie")]
    [TestCase("X-XSRF-TOKEN")]
    [TestCase("X-ChatMock-Admin-Token")]
    [TestCase("SO-AppToken")]
    [TestCase("X-Api-Key")]
    public void A_Secret_Header_Is_Secret_In_Any_Casing(string name)
    {
        Assert.Multiple(() =>
        {
            Assert.That(HeaderRedaction.IsSecret(name), Is.True);
            Assert.That(HeaderRedaction.IsSecret(name.ToUpperInvariant()), Is.True);
            Assert.That(HeaderRedaction.IsSecret(name.ToLowerInvariant()), Is.True);
        });
    }

    // Names as long as a secret one, and names close to one.
    [TestCase("Accept")]
    [TestCase("X-Api-Kez")]
    [TestCase("Set-Cookies")]
    [TestCase("Content-Type")]
    [TestCase("Authorizatio")]
    [TestCase("Authorization2")]
    [TestCase("Accept-Language")]
    [TestCase("")]
    public void Another_Header_Is_Not_Secret_And_Kept_As_It_Is(string name)
    {
        Assert.Multiple(() =>
        {
            Assert.That(HeaderRedaction.IsSecret(name), Is.False);
            Assert.That(HeaderRedaction.Redact(name, "value"), Is.EqualTo("value"));
        });
    }

    [TestCase("authorization", "Basic dGplMDpUamUw", "Basic tje0:***")]
    [TestCase("Authorization", "Basic tje0:***", "Basic tje0:***")]
    [TestCase("Proxy-Authorization", "Bearer abc", "Bearer ***")]
    [TestCase("Cookie", "a=1; b=2", "a=***; b=***")]
    [TestCase("Set-Cookie", "id=7; Path=/; HttpOnly", "id=***; Path=/; HttpOnly")]
    [TestCase("X-Api-Key", "secret", "***")]
    public void A_Secret_Value_Is_Redacted_Once_And_Stays_So(string name, string value, string redacted)
    {
        Assert.Multiple(() =>
        {
            Assert.That(HeaderRedaction.Redact(name, value), Is.EqualTo(redacted));
            Assert.That(HeaderRedaction.Redact(name, HeaderRedaction.Redact(name, value)), Is.EqualTo(redacted));
        });
    }
}
