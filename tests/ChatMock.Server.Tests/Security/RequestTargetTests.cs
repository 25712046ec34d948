using ChatMock.Server.FrontDoor;

namespace ChatMock.Server.Tests.Security;

/// <summary>The one admin decision, on paths as sent (the HTTP tests in <see cref="AdminPathTests"/> send them for real).</summary>
internal sealed class RequestTargetTests
{
    [TestCase("/api/v1/Agents/Chat/AddChatMessage", RequestTargetKind.Api)]
    [TestCase("/", RequestTargetKind.Api)]
    [TestCase("/__administrator", RequestTargetKind.Api)]
    [TestCase("/x/__admin/mappings", RequestTargetKind.Api)]
    [TestCase("/__admin", RequestTargetKind.Admin)]
    [TestCase("/__admin/", RequestTargetKind.Admin)]
    [TestCase("/__admin/mappings", RequestTargetKind.Admin)]
    [TestCase("/__ADMIN/Mappings", RequestTargetKind.Admin)]
    [TestCase("/__admin/scenarios/my%20scenario/state", RequestTargetKind.Admin)]
    [TestCase("/%5F%5Fadmin/mappings", RequestTargetKind.Refused)]
    [TestCase("/__admin%2Fmappings", RequestTargetKind.Refused)]
    [TestCase("/__admin%2fmappings", RequestTargetKind.Refused)]
    [TestCase("/%255F%255Fadmin/mappings", RequestTargetKind.Refused)]
    [TestCase("/%25255F%25255Fadmin/mappings", RequestTargetKind.Refused)]
    [TestCase("//__admin/mappings", RequestTargetKind.Refused)]
    [TestCase("/./__admin/mappings", RequestTargetKind.Refused)]
    [TestCase("/a/../__admin/mappings", RequestTargetKind.Refused)]
    [TestCase("/__admin/mappings/..", RequestTargetKind.Refused)]
    [TestCase("/__admin;x/mappings", RequestTargetKind.Refused)]
    [TestCase("/__admin\\mappings", RequestTargetKind.Refused)]
    [TestCase("\\__admin\\mappings", RequestTargetKind.Refused)]
    [TestCase("/__admin/%00", RequestTargetKind.Refused)]
    [TestCase("/__admin%2e/mappings", RequestTargetKind.Api)]
    [TestCase("/api/v1/Agents/Chat/Add%2FChatMessage", RequestTargetKind.Api)]
    [TestCase("/api/./v1", RequestTargetKind.Api)]
    public void Of_Decides_On_The_Decoded_Path(string sentPath, RequestTargetKind expected)
    {
        // Act
        var target = RequestTarget.Of(sentPath);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(target.Kind, Is.EqualTo(expected));
            Assert.That(target.Problem, expected == RequestTargetKind.Refused ? Is.Not.Null : Is.Null);
        });
    }

    [TestCase("/__wiremock-abc/mappings")]
    [TestCase("/__WIREMOCK-ABC/mappings")]
    [TestCase("/__wiremock-abc%2Fmappings")]
    [TestCase("//__wiremock-abc/mappings")]
    [TestCase("/x/../__wiremock-abc")]
    public void Of_Refuses_The_Private_Prefix_In_Any_Spelling(string sentPath) =>
        Assert.That(RequestTarget.Of(sentPath, "/__wiremock-abc").Kind, Is.EqualTo(RequestTargetKind.Refused));

    [Test]
    public void Of_Takes_A_Path_That_Only_Starts_Like_The_Private_Prefix() =>
        Assert.That(RequestTarget.Of("/__wiremock-abcdef", "/__wiremock-abc").Kind, Is.EqualTo(RequestTargetKind.Api));
}
