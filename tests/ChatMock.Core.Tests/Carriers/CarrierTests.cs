using ChatMock.Carriers;
using ChatMock.Contracts;

namespace ChatMock.Core.Tests.Carriers;

/// <summary>Each carrier's shape is held once: the C# model and its schema name the same properties, in the same order.</summary>
public sealed class CarrierTests
{
    [TestCase("ChatMessage", "chat-message.schema.json")]
    [TestCase("ChatSessionEntity", "chat-session-entity.schema.json")]
    [TestCase("ChatTopicEntity", "chat-topic-entity.schema.json")]
    public void Model_And_Schema_Name_The_Same_Properties_In_The_Same_Order(string carrierName, string schemaFile)
    {
        // Arrange
        var carrier = Carrier.All.Single(c => c.Name == carrierName);
        var schema = ContractSchemas.Embedded.ByFileName(schemaFile)!;

        // Act: the schema's own properties, but _Links, which REST answers add and a client may send back.
        var documented = schema.ActualSchema.ActualProperties.Keys.Where(name => name != "_Links").ToList();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(carrier.PropertyNames, Is.EqualTo(documented));
            Assert.That(Carrier.ForSchemaTitle(schema.Title), Is.SameAs(carrier));
        });
    }

    [TestCase("ChatMessage", "chat-message.schema.json")]
    [TestCase("ChatSessionEntity", "chat-session-entity.schema.json")]
    [TestCase("ChatTopicEntity", "chat-topic-entity.schema.json")]
    public void Empty_Carrier_Holds_Each_Schema_Default(string carrierName, string schemaFile)
    {
        // Arrange
        var carrier = Carrier.All.Single(c => c.Name == carrierName);
        var schema = ContractSchemas.Embedded.ByFileName(schemaFile)!;

        // Act
        var empty = CarrierReader.Empty<object>(carrier, schema);

        // Assert
        Assert.Multiple(() =>
        {
            foreach (var (name, property) in schema.ActualSchema.ActualProperties.Where(p => p.Key != "_Links"))
            {
                var value = carrier.Property(name)!.Get(empty);
                Assert.That(value, property.Default is null ? Is.Null : Is.EqualTo(Newtonsoft.Json.Linq.JToken.FromObject(property.Default).ToObject(value?.GetType() ?? typeof(object))), name);
            }
        });
    }
}
