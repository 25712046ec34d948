using System.Reflection;
using System.Text;
using ChatMock.Engine;
using ChatMock.Testing;

namespace ChatMock.Server.Tests.PublicApi;

/// <summary>
/// The public surface of the three libraries, listed in PublicApi/*.txt: a change to it shows up as a reviewed diff
/// of those files. When the surface changes on purpose, copy the .received.txt the failing test writes over the .txt.
/// </summary>
public sealed class PublicApiTests
{
    private static readonly string ApprovedFolder = Path.Combine(RepositoryRoot(), "tests", "ChatMock.Server.Tests", "PublicApi");

    [TestCase(typeof(ChatMockEngine))]
    [TestCase(typeof(ChatMockTestHost))]
    [TestCase(typeof(ChatMockServer))]
    public void PublicApi_Should_Not_Change_Unintentionally(Type typeInAssembly)
    {
        // Arrange
        var assembly = typeInAssembly.Assembly;
        var approvedFile = Path.Combine(ApprovedFolder, assembly.GetName().Name + ".txt");
        var receivedFile = Path.ChangeExtension(approvedFile, ".received.txt");

        // Act
        var actual = Describe(assembly);

        // Assert
        var approved = File.Exists(approvedFile) ? File.ReadAllText(approvedFile).ReplaceLineEndings("\n") : string.Empty;
        if (approved != actual)
        {
            File.WriteAllText(receivedFile, actual);
        }
        else if (File.Exists(receivedFile))
        {
            File.Delete(receivedFile);
        }

        Assert.That(actual, Is.EqualTo(approved), $"The public API of {assembly.GetName().Name} changed; review {receivedFile} and copy it over {approvedFile} if the change is meant.");
    }

    private static string Describe(Assembly assembly)
    {
        var text = new StringBuilder();
        foreach (var type in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            text.Append(Kind(type)).Append(' ').Append(type.FullName);
            if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            {
                text.Append(" : ").Append(baseType.FullName);
            }

            text.Append('\n');
            var members = type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => m is not MethodInfo { IsSpecialName: true })
                .Where(m => !(type.IsEnum && m.Name == "value__"))
                .Select(m => "  " + m.MemberType + " " + m)
                .Order(StringComparer.Ordinal);
            foreach (var member in members)
            {
                text.Append(member).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Kind(Type type) =>
        type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? "struct" : type.IsAbstract && type.IsSealed ? "static class" : "class";

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ChatMock.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("ChatMock.sln was not found above the test output folder.");
    }
}
