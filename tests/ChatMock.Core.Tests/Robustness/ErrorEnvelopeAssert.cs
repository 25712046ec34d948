using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace ChatMock.Core.Tests.Robustness;

/// <summary>Checks that an answer is a 4xx carrying SuperOffice's error envelope (DESIGN.md D1), in JSON or XML.</summary>
internal static class ErrorEnvelopeAssert
{
    /// <summary>Returns what is wrong with the answer to a bad request, or null when it is a proper 4xx envelope.</summary>
    public static string? Problem(BadRequest request, int status, string? contentType, byte[] body)
    {
        if (status is < 400 or > 499)
        {
            return $"status {status}, not a 4xx; body: {Text(body)}";
        }

        if (request.ExpectedStatus is { } expected && status != expected)
        {
            return $"status {status}, not {expected}; body: {Text(body)}";
        }

        try
        {
            return contentType is not null && contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
                ? XmlEnvelopeProblem(body)
                : JsonEnvelopeProblem(body);
        }
        catch (Exception ex) when (ex is JsonException or System.Xml.XmlException or InvalidOperationException or KeyNotFoundException)
        {
            return $"the body ({contentType}) is no error envelope: {ex.Message}; body: {Text(body)}";
        }
    }

    private static string? JsonEnvelopeProblem(byte[] body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (!root.GetProperty("Error").GetBoolean()
            || string.IsNullOrEmpty(root.GetProperty("ErrorType").GetString())
            || string.IsNullOrEmpty(root.GetProperty("ErrorMessage").GetString())
            || root.GetProperty("ErrorSource").GetString() != "ChatMock")
        {
            return "the JSON envelope lacks Error, ErrorType, ErrorMessage or ErrorSource: " + Text(body);
        }

        if (root.TryGetProperty("Violations", out var violations))
        {
            foreach (var violation in violations.EnumerateArray())
            {
                if (violation.GetProperty("Path").GetString() is null || string.IsNullOrEmpty(violation.GetProperty("Message").GetString()))
                {
                    return "a violation lacks Path or Message: " + Text(body);
                }
            }
        }

        return null;
    }

    private static string? XmlEnvelopeProblem(byte[] body)
    {
        var root = XDocument.Parse(Encoding.UTF8.GetString(body)).Root!;
        return root.Name.LocalName == "Error"
            && root.Element("Error")?.Value == "true"
            && !string.IsNullOrEmpty(root.Element("ErrorType")?.Value)
            && !string.IsNullOrEmpty(root.Element("ErrorMessage")?.Value)
            && root.Element("ErrorSource")?.Value == "ChatMock"
            ? null
            : "the XML envelope lacks Error, ErrorType, ErrorMessage or ErrorSource: " + Text(body);
    }

    private static string Text(byte[] body)
    {
        var text = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 400));
        return body.Length > 400 ? text + "..." : text;
    }
}
