using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ChatMock.Chat;
using ChatMock.Messages;

namespace ChatMock.Carriers;

/// <summary>What a carrier property holds, as the answer writers treat it.</summary>
internal enum CarrierValueKind
{
    /// <summary>A string.</summary>
    Text,

    /// <summary>An int32.</summary>
    Integer,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A date-time, written in the caller's time zone.</summary>
    DateTime,

    /// <summary>A nested carrier, kept as posted.</summary>
    Node,
}

/// <summary>One property of a carrier: its name, kind, getter and setter, from the source-generated metadata.</summary>
/// <param name="Name">The property's name on the wire.</param>
/// <param name="Kind">What it holds.</param>
/// <param name="Metadata">System.Text.Json's description of it.</param>
internal sealed record CarrierProperty(string Name, CarrierValueKind Kind, JsonPropertyInfo Metadata)
{
    /// <summary>Reads the property of <paramref name="carrier"/>.</summary>
    public object? Get(object carrier) => Metadata.Get!(carrier);
}

/// <summary>
/// A carrier's shape, once: the C# model and its source-generated metadata. Its properties, in the model's order,
/// drive JSON and XML answers, <c>$select</c>, posted bodies read into the model and copies with changes.
/// </summary>
internal sealed class Carrier
{
    private readonly Dictionary<string, CarrierProperty> _byName;

    private readonly Func<object> _create;

    private Carrier(string name, JsonTypeInfo typeInfo, Func<object> create)
    {
        _create = create;
        Name = name;
        TypeInfo = typeInfo;
        Properties = [.. typeInfo.Properties.Select(p => new CarrierProperty(p.Name, KindOf(p.PropertyType), p))];
        _byName = Properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        PropertyNames = [.. Properties.Select(p => p.Name)];
        WritesAsModelled = Properties.All(p => p.Kind != CarrierValueKind.DateTime);
    }

    /// <summary>Gets the ChatMessage carrier.</summary>
    public static Carrier ChatMessage { get; } = new(nameof(Messages.ChatMessage), CarrierJson.Default.ChatMessage, static () => new ChatMessage());

    /// <summary>Gets the ChatSessionEntity carrier.</summary>
    public static Carrier ChatSession { get; } = new(nameof(ChatSessionEntity), CarrierJson.Default.ChatSessionEntity, static () => new ChatSessionEntity());

    /// <summary>Gets the ChatTopicEntity carrier.</summary>
    public static Carrier ChatTopic { get; } = new(nameof(ChatTopicEntity), CarrierJson.Default.ChatTopicEntity, static () => new ChatTopicEntity());

    /// <summary>Gets every carrier.</summary>
    public static IReadOnlyList<Carrier> All { get; } = [ChatMessage, ChatSession, ChatTopic];

    /// <summary>Gets the type name: the XML root element, and the title of its schema.</summary>
    public string Name { get; }

    /// <summary>Gets the source-generated metadata.</summary>
    public JsonTypeInfo TypeInfo { get; }

    /// <summary>Gets the properties, in the model's (the documented) order.</summary>
    public IReadOnlyList<CarrierProperty> Properties { get; }

    /// <summary>Gets the property names, in order.</summary>
    public IReadOnlyList<string> PropertyNames { get; }

    /// <summary>
    /// Gets whether the carrier's JSON, every property kept, is what System.Text.Json writes of the model with its
    /// source-generated metadata (<see cref="TypeInfo"/>): true unless it has a date-time, which an answer writes in
    /// the caller's time zone. Written that way, a carrier costs a typed write per property, with its name encoded once,
    /// instead of a property read into an object and a name encoded on every call.
    /// </summary>
    public bool WritesAsModelled { get; }

    /// <summary>The carrier whose schema has the title <paramref name="schemaTitle"/> (<c>ChatMessage (response)</c> is ChatMessage's), or null.</summary>
    public static Carrier? ForSchemaTitle(string? schemaTitle) =>
        schemaTitle is null ? null : All.FirstOrDefault(c => schemaTitle == c.Name || schemaTitle.StartsWith(c.Name + " ", StringComparison.Ordinal));

    /// <summary>A new carrier with every property null.</summary>
    public object Create() => _create();

    /// <summary>The property of that name, in any casing, or null.</summary>
    public CarrierProperty? Property(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// A copy of <paramref name="basis"/> with the values of <paramref name="changes"/> (property name, value of the
    /// property's type) set; the model's records are immutable, so this is how a handler changes a stored carrier generically.
    /// </summary>
    public object With(object basis, IEnumerable<KeyValuePair<string, object?>> changes)
    {
        var copy = _create();
        foreach (var property in Properties)
        {
            property.Metadata.Set!(copy, property.Get(basis));
        }

        foreach (var (name, value) in changes)
        {
            var property = _byName[name];
            property.Metadata.Set!(copy, value);
        }

        return copy;
    }

    private static CarrierValueKind KindOf(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        return bare == typeof(string) ? CarrierValueKind.Text
            : bare == typeof(int) ? CarrierValueKind.Integer
            : bare == typeof(bool) ? CarrierValueKind.Boolean
            : bare == typeof(DateTimeOffset) ? CarrierValueKind.DateTime
            : typeof(JsonNode).IsAssignableFrom(bare) ? CarrierValueKind.Node
            : throw new NotSupportedException($"A carrier property of type {type} has no wire form in ChatMock.");
    }
}
