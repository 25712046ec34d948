using System.Globalization;
using System.Numerics;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ChatMock.Contracts;

/// <summary>The validator's paths: NJsonSchema's error paths as JSON paths and JSON pointers, and the token a path names.</summary>
internal sealed partial class ContractValidator
{
    /// <summary>Turns NJsonSchema's error path (<c>#/Message.Type</c>) into a JSON path (<c>Message.Type</c>).</summary>
    private static string ToJsonPath(string? errorPath)
    {
        if (string.IsNullOrEmpty(errorPath) || errorPath == "#" || errorPath == "#/")
        {
            return string.Empty;
        }

        return errorPath.StartsWith("#/", StringComparison.Ordinal) ? errorPath[2..] : errorPath;
    }

    private static string ParentOf(string path, string? property)
    {
        if (string.IsNullOrEmpty(property) || !path.EndsWith(property, StringComparison.Ordinal))
        {
            return path;
        }

        var parent = path[..^property.Length];
        return parent.EndsWith('.') ? parent[..^1] : parent;
    }

    private static JToken? FindToken(JToken body, string? errorPath)
    {
        var path = ToJsonPath(errorPath);
        if (path.Length == 0)
        {
            return body;
        }

        // The usual path is property names and dots (Message.Type): followed directly, as SelectToken would, without
        // parsing a JSONPath expression for each violation.
        if (!path.AsSpan().ContainsAnyExcept(PlainPathCharacters) && path[0] != '.' && path[^1] != '.' && !path.Contains("..", StringComparison.Ordinal))
        {
            var token = body;
            foreach (var range in path.AsSpan().Split('.'))
            {
                if (token is not JObject obj || obj.Property(path[range], StringComparison.Ordinal) is not { } property)
                {
                    return null;
                }

                token = property.Value;
            }

            return token;
        }

        return body.SelectToken(path, errorWhenNoMatch: false);
    }

    private static readonly System.Buffers.SearchValues<char> PlainPathCharacters =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.");

    /// <summary>Turns a JSON path of known property names (<c>Message.Type</c>, <c>a[0]</c>) into a JSON pointer.</summary>
    private static string Pointer(string jsonPath)
    {
        if (jsonPath.Length == 0)
        {
            return string.Empty;
        }

        // Segments split at '.' and '[', ']' dropped, empty segments skipped, '~' and '/' escaped: in one pass.
        var pointer = new System.Text.StringBuilder(jsonPath.Length + 8);
        var segmentStart = true;
        foreach (var c in jsonPath)
        {
            switch (c)
            {
                case '.' or '[':
                    segmentStart = true;
                    continue;
                case ']':
                    continue;
            }

            if (segmentStart)
            {
                pointer.Append('/');
                segmentStart = false;
            }

            _ = c switch
            {
                '~' => pointer.Append("~0"),
                '/' => pointer.Append("~1"),
                _ => pointer.Append(c),
            };
        }

        return pointer.ToString();
    }

    internal static string EscapePointer(string segment) =>
        segment.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
