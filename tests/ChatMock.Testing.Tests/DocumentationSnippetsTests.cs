namespace ChatMock.Testing.Tests;

/// <summary>
/// The C# snippets of README.md, docs/*.md and the package READMEs are tests (Examples.cs, JournalExamples.cs,
/// Remote/RemoteExamples.cs, PackageReadmeExamples.cs):
/// these tests fail when a snippet and its test drift apart, line by line, in order.
/// </summary>
public sealed class DocumentationSnippetsTests
{
    [TestCase("README.md", "Examples.cs")]
    [TestCase("docs/journal.md", "JournalExamples.cs")]
    [TestCase("docs/remote.md", "Remote/RemoteExamples.cs")]
    [TestCase("src/ChatMock.Testing/README.md", "PackageReadmeExamples.cs")]
    [TestCase("src/ChatMock.Core/README.md", "PackageReadmeExamples.cs")]
    public void Snippets_Appear_In_Their_Test_In_Order(string document, string testFile)
    {
        // Arrange
        var root = RepositoryRoot();
        var snippets = CSharpBlocks(File.ReadAllLines(Path.Combine(root, document)));
        var testLines = File.ReadAllLines(Path.Combine(root, "tests", "ChatMock.Testing.Tests", testFile))
            .Select(line => line.Trim())
            .ToList();

        // Act
        var missing = snippets
            .SelectMany(block => MissingLines(block, testLines))
            .ToList();

        // Assert
        Assert.That(snippets, Is.Not.Empty, $"{document} has no C# snippet.");
        Assert.That(missing, Is.Empty, $"These lines of {document} are not in {testFile} (in the same order): keep the two in step.");
    }

    private static List<List<string>> CSharpBlocks(string[] lines)
    {
        var blocks = new List<List<string>>();
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (current is null && line.Trim() == "```csharp")
            {
                current = [];
            }
            else if (current is not null && line.Trim() == "```")
            {
                blocks.Add(current);
                current = null;
            }
            else
            {
                current?.Add(line.Trim());
            }
        }

        return blocks;
    }

    // The statements of a snippet must appear in its test in the same order; the frame a reader needs to compile it
    // (usings, the class, braces, [Test]) may differ.
    private static IEnumerable<string> MissingLines(List<string> block, List<string> testLines)
    {
        var position = 0;
        foreach (var line in block.Where(IsStatement))
        {
            var found = testLines.IndexOf(line, position);
            if (found < 0)
            {
                yield return line;
            }
            else
            {
                position = found + 1;
            }
        }
    }

    private static bool IsStatement(string line) =>
        line.Length > 0
        && line is not "{" and not "}" and not "[Test]"
        && !(line.StartsWith("using ", StringComparison.Ordinal) && !line.Contains(" = ", StringComparison.Ordinal))
        && !line.StartsWith("public class ", StringComparison.Ordinal)
        && !line.StartsWith("public async Task ", StringComparison.Ordinal);

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
