using System.Reflection;
using PublicApiGenerator;
using ChatMock.Engine;
using ChatMock.Testing;

namespace ChatMock.Server.Tests.PublicApi;

/// <summary>
/// The public surface of the three libraries, as PublicApiGenerator writes it, in PublicApi/*.txt: a change to it
/// shows up as a reviewed diff of those files. When the surface changes on purpose, copy the .received.txt the failing test writes over the .txt.
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

    // PublicApiGenerator writes the surface as C# declarations: parameter names, default values, nullability
    // annotations, attributes and constraints all show, so changing any of them shows up in the diff. The extension
    // methods in Microsoft.* namespaces (AddChatMock, MapChatMock) count too: by default it leaves them out.
    private static string Describe(Assembly assembly) =>
        assembly.GeneratePublicApi(new ApiGeneratorOptions { IncludeAssemblyAttributes = false, UseDenyNamespacePrefixesForExtensionMethods = false }).ReplaceLineEndings("\n") + "\n";

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
