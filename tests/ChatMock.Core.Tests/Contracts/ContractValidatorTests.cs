using System.Text;
using ChatMock.Contracts;
using ChatMock.Engine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ChatMock.Core.Tests.Contracts;

public sealed class ContractValidatorTests
{
    private const string ChatMessageProperties =
        "ChatMessageId, ChatSessionId, Type, Message, Author, ReadByCustomer, SpecialType, SpecialParam, WhenPosted";

    private static readonly string[] ResponseProperties = ChatMessageProperties.Split(", ");

    [Test]
    public void UsesFastPath_For_A_ContractsPath_Schema_Is_False_And_For_The_Embedded_One_True()
    {
        // Arrange: the same files as the embedded ones, read from a folder as ContractsPath is.
        var ownSchemas = ContractSchemas.FromFolder(Path.Combine(TestContext.CurrentContext.TestDirectory, "contracts"));

        // Act
        var own = new ContractValidator(ownSchemas.Request, rejectUnknownProperties: true);
        var embedded = new ContractValidator(ContractSchemas.Embedded.Request, rejectUnknownProperties: true);

        // Assert: a user's schema is checked by NJsonSchema alone.
        Assert.Multiple(() =>
        {
            Assert.That(own.UsesFastPath, Is.False);
            Assert.That(embedded.UsesFastPath, Is.True);
            Assert.That(ContractSchemas.IsEmbedded(ownSchemas.ChatMessage), Is.False);
        });
    }

    [Test]
    public void Validate_With_A_ContractsPath_Schema_Finds_What_NJsonSchema_Finds()
    {
        // Arrange
        var ownSchemas = ContractSchemas.FromFolder(Path.Combine(TestContext.CurrentContext.TestDirectory, "contracts"));
        var validator = new ContractValidator(ownSchemas.Request, rejectUnknownProperties: true);
        var valid = Parse("""{"ChatSessionId": 403, "Message": {"Type": "ToUser", "Message": "Hei!"}}""");
        var invalid = Parse("""{"ChatSessionId": 403, "Message": {"Type": "Sideways"}}""");

        // Act
        var validResult = validator.Validate(valid);
        var invalidResult = validator.Validate(invalid);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(validResult.IsValid, Is.True);
            Assert.That(invalidResult.IsValid, Is.False);
            Assert.That(invalidResult.Violations.Select(v => v.Path), Does.Contain("/Message/Type"));
        });
    }

    [Test]
    public void Validate_Names_In_Other_Casing_Accepts_Them_With_A_Warning_Naming_The_Canonical_Name()
    {
        // Arrange
        var body = Parse("""{"chatsessionid": 403, "MESSAGE": {"type": "ToUser", "Message": "Hei!"}}""");
        var validator = new ContractValidator(ContractSchemas.Embedded.Request, rejectUnknownProperties: true);

        // Act
        var result = validator.Validate(body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Violations, Is.Empty);
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.Warnings, Is.EqualTo(new[]
            {
                "/chatsessionid: the property 'chatsessionid' was read as 'ChatSessionId'; SuperOffice matches names case-insensitively, but the documented name is 'ChatSessionId'.",
                "/MESSAGE: the property 'MESSAGE' was read as 'Message'; SuperOffice matches names case-insensitively, but the documented name is 'Message'.",
                "/Message/type: the property 'type' was read as 'Type'; SuperOffice matches names case-insensitively, but the documented name is 'Type'.",
            }));
            Assert.That(body.ToString(Formatting.None), Is.EqualTo("""{"ChatSessionId":403,"Message":{"Type":"ToUser","Message":"Hei!"}}"""), "renamed in place, order kept");
        });
    }

    [Test]
    public void Validate_Name_In_Other_Casing_Is_Still_Checked_Against_Its_Schema()
    {
        // Arrange
        var body = Parse("""{"chatSessionId": "abc", "message": {"TYPE": "Foo"}}""");
        var validator = new ContractValidator(ContractSchemas.Embedded.Request, rejectUnknownProperties: true);

        // Act
        var result = validator.Validate(body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Violations, Is.EqualTo(new[]
            {
                new ContractViolation("/ChatSessionId", "Expected an integer from -2147483648 to 2147483647 but got the string \"abc\"."),
                new ContractViolation("/Message/Type", "Expected one of Invalid, ToCustomer, ToUser, Special but got the string \"Foo\"."),
            }));
            Assert.That(result.Warnings, Has.Count.EqualTo(3));
        });
    }

    [TestCase("""{"ChatSessionId": 403, "chatSessionId": 404}""", "/chatSessionId", "chatSessionId", "ChatSessionId")]
    [TestCase("""{"CHATSESSIONID": 404, "ChatSessionId": 403}""", "/CHATSESSIONID", "CHATSESSIONID", "ChatSessionId")]
    [TestCase("""{"ChatSessionId": 403, "Message": {"Author": "Kari", "author": "Ola"}}""", "/Message/author", "author", "Author")]
    public void Validate_Two_Properties_Differing_Only_In_Case_Is_A_Violation(string json, string path, string repeated, string canonical)
    {
        // Arrange
        var body = Parse(json);
        var validator = new ContractValidator(ContractSchemas.Embedded.Request, rejectUnknownProperties: true);

        // Act
        var result = validator.Validate(body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.False);
            Assert.That(result.Violations, Is.EqualTo(new[]
            {
                new ContractViolation(path, $"The property '{repeated}' repeats '{canonical}': property names are matched case-insensitively, so each may appear once."),
            }));
        });
    }

    [Test]
    public void Validate_Unknown_Properties_When_Not_Rejected_Are_Warnings()
    {
        // Arrange
        var body = Parse("""{"ChatSessionId": 403, "Bar": 1, "Message": {"Text": "Hello"}}""");
        var validator = new ContractValidator(ContractSchemas.Embedded.Request, rejectUnknownProperties: false);

        // Act
        var result = validator.Validate(body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.IsValid, Is.True);
            Assert.That(result.Violations, Is.Empty);
            Assert.That(result.Warnings, Is.EquivalentTo(new[]
            {
                "/Bar: Unknown property 'Bar': expected one of ChatSessionId, Message. It was accepted because unknown properties are allowed.",
                $"/Message/Text: Unknown property 'Text': expected one of {ChatMessageProperties}. It was accepted because unknown properties are allowed.",
            }));
        });
    }

    [Test]
    public void Validate_Unknown_Properties_When_Rejected_Are_Violations()
    {
        // Arrange
        var body = Parse("""{"ChatSessionId": 403, "Bar": 1, "Message": {"Text": "Hello"}}""");
        var validator = new ContractValidator(ContractSchemas.Embedded.Request, rejectUnknownProperties: true);

        // Act
        var result = validator.Validate(body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Violations, Is.EquivalentTo(new[]
            {
                new ContractViolation("/Bar", "Unknown property 'Bar': expected one of ChatSessionId, Message."),
                new ContractViolation("/Message/Text", $"Unknown property 'Text': expected one of {ChatMessageProperties}."),
            }));
            Assert.That(result.Warnings, Is.Empty);
        });
    }

    [Test]
    public void Validate_Unknown_Properties_When_Not_Rejected_Still_Reports_Other_Violations()
    {
        // Arrange
        var body = Parse("""{"ChatSessionId": "403", "Bar": 1}""");
        var validator = new ContractValidator(ContractSchemas.Embedded.Request, rejectUnknownProperties: false);

        // Act
        var result = validator.Validate(body);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Violations, Is.EqualTo(new[]
            {
                new ContractViolation("/ChatSessionId", "Expected an integer from -2147483648 to 2147483647 but got the string \"403\"."),
            }));
            Assert.That(result.Warnings, Has.Count.EqualTo(1).And.Some.StartsWith("/Bar: Unknown property 'Bar'"));
        });
    }

    [TestCase("""{"ChatSessionId": 123456789012345678901234567890}""", "/ChatSessionId", "Expected an integer from -2147483648 to 2147483647 but got 123456789012345678901234567890.")]
    [TestCase("""{"ChatSessionId": -98765432109876543210}""", "/ChatSessionId", "Expected an integer from -2147483648 to 2147483647 but got -98765432109876543210.")]
    [TestCase("""{"ChatSessionId": 18446744073709551616}""", "/ChatSessionId", "Expected an integer from -2147483648 to 2147483647 but got 18446744073709551616.")]
    [TestCase("""{"ChatSessionId": 1, "Message": {"ReadByCustomer": 123456789012345678901234567890}}""", "/Message/ReadByCustomer", "Expected an integer from -2147483648 to 2147483647 but got 123456789012345678901234567890.")]
    [TestCase("""{"ChatSessionId": 1, "Message": 123456789012345678901234567890}""", "/Message", "Expected a ChatMessage object or null but got 123456789012345678901234567890.")]
    [TestCase("""{"ChatSessionId": 1, "Message": {"Author": 123456789012345678901234567890}}""", "/Message/Author", "Expected a string or null but got 123456789012345678901234567890.")]
    public void Validate_Integer_Beyond_64_Bits_Is_Reported_With_Its_Digits(string json, string path, string message)
    {
        // Arrange
        var body = Parse(json);
        var validator = new ContractValidator(ContractSchemas.Embedded.Request, rejectUnknownProperties: true);

        // Act
        var result = validator.Validate(body);

        // Assert
        Assert.That(result.Violations, Is.EqualTo(new[] { new ContractViolation(path, message) }));
    }

    [Test]
    public void Validate_Integer_Beyond_64_Bits_In_An_Unknown_Property_Is_Reported_As_Unknown()
    {
        // Arrange
        var body = Parse("""{"ChatSessionId": 1, "Bar": 123456789012345678901234567890}""");
        var validator = new ContractValidator(ContractSchemas.Embedded.Request, rejectUnknownProperties: true);

        // Act
        var result = validator.Validate(body);

        // Assert
        Assert.That(result.Violations, Is.EqualTo(new[]
        {
            new ContractViolation("/Bar", "Unknown property 'Bar': expected one of ChatSessionId, Message."),
        }));
    }

    [TestCase(1)]
    [TestCase(42)]
    [TestCase(2026)]
    public void Validate_Generated_Answer_Against_Response_Schema_Has_No_Violations(int seed)
    {
        // Arrange
        var answer = GeneratedAnswer(seed);
        var validator = new ContractValidator(ContractSchemas.Embedded.ChatMessageResponse, rejectUnknownProperties: true);

        // Act
        var result = validator.Validate(answer);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Violations, Is.Empty, answer.ToString());
            Assert.That(result.Warnings, Is.Empty, answer.ToString());
        });
    }

    [TestCaseSource(nameof(ResponseProperties))]
    public void Validate_Answer_Missing_A_Property_Against_Response_Schema_Is_A_Violation(string property)
    {
        // Arrange
        var answer = GeneratedAnswer(seed: 1);
        answer.Remove(property);
        var validator = new ContractValidator(ContractSchemas.Embedded.ChatMessageResponse, rejectUnknownProperties: true);

        // Act
        var result = validator.Validate(answer);

        // Assert
        Assert.That(result.Violations, Is.EqualTo(new[]
        {
            new ContractViolation("/" + property, $"The required property {property} is missing."),
        }));
    }

    [Test]
    public void Validate_Posted_Message_Missing_Properties_Against_Request_Schema_Is_Valid()
    {
        // Arrange
        var body = Parse("""{"ChatSessionId": 403, "Message": {"Message": "Hello"}}""");
        var validator = new ContractValidator(ContractSchemas.Embedded.Request, rejectUnknownProperties: true);

        // Act
        var result = validator.Validate(body);

        // Assert
        Assert.That(result.Violations, Is.Empty, "a posted message may leave properties out; only the answer has all nine");
    }

    private static JObject GeneratedAnswer(int seed)
    {
        var engine = new ChatMockEngine(new ChatMockOptions { Seed = seed });
        var response = engine.Handle(new ChatMockRequest
        {
            Method = "POST",
            Path = ChatMockRoutes.AddChatMessage,
            Headers = [new("Content-Type", "application/json"), new("Authorization", "Basic dGplMDpUamUw")],
            Body = Encoding.UTF8.GetBytes("""{"ChatSessionId": 403, "Message": null}"""),
        });
        var text = Encoding.UTF8.GetString(response.Body.Span);
        Assert.That(response.StatusCode, Is.EqualTo(200), text);
        return (JObject)Parse(text);
    }

    private static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None };
        return JToken.ReadFrom(reader);
    }
}
