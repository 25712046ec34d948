using System.Globalization;
using System.IO.Compression;
using ChatMock.Engine;
using Microsoft.AspNetCore.Http;

namespace ChatMock.Hosting;

/// <summary>
/// Reads a request body for the engine, never more than <c>MaxRequestBodyBytes</c> (plus one byte, so that the engine
/// can tell a body that is too large), and decodes a <c>Content-Encoding</c> of gzip, deflate (zlib or raw) or br
/// inside ChatMock, stopping at the same limit: a small body that decodes to gigabytes costs no more than the limit.
/// One source file, compiled into both hosts (src/Shared).
/// </summary>
internal static class RequestBodyReader
{
    /// <summary>Reads the body of <paramref name="request"/>.</summary>
    /// <returns>The body (decoded), or what arrived together with why the rest could not be read.</returns>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, int maxBodyBytes, CancellationToken cancellationToken)
    {
        var raw = await ReadRawAsync(request.Body, request.ContentLength, maxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (raw.Failure is not null || raw.Bytes.Length > maxBodyBytes)
        {
            return raw;
        }

        var header = request.Headers.ContentEncoding;
        if (header.Count == 0)
        {
            // The usual request: nothing to decode, nothing allocated.
            return raw;
        }

        var codings = Codings(header);
        return codings.Count == 0 ? raw : Decode(raw.Bytes, codings, maxBodyBytes);
    }

    /// <summary>The content codings applied, in the order they were applied, <c>identity</c> left out.</summary>
    private static List<string> Codings(Microsoft.Extensions.Primitives.StringValues header)
    {
        var codings = new List<string>();
        foreach (var value in header)
        {
            foreach (var part in (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!string.Equals(part, "identity", StringComparison.OrdinalIgnoreCase))
                {
                    codings.Add(part);
                }
            }
        }

        return codings;
    }

    private static RequestBody Decode(ReadOnlyMemory<byte> encoded, List<string> codings, int maxBodyBytes)
    {
        var data = encoded;
        for (var i = codings.Count - 1; i >= 0; i--)
        {
            var coding = codings[i];
            try
            {
                using var source = new MemoryStream(data.ToArray(), writable: false);
                using var decoder = Decoder(coding, source, data.Span);
                if (decoder is null)
                {
                    return new(encoded, new RequestBodyFailure(
                        415,
                        ErrorTypes.UnsupportedMediaType,
                        $"The Content-Encoding '{Echo.Of(coding, 40)}' is not supported; ChatMock decodes gzip, deflate and br (or send the body as it is)."));
                }

                var (decoded, complete) = ReadAtMost(decoder, maxBodyBytes);
                if (!complete)
                {
                    return new(decoded, new RequestBodyFailure(
                        413,
                        ErrorTypes.RequestTooLarge,
                        string.Create(CultureInfo.InvariantCulture, $"The request body decodes ({coding}) to more than {maxBodyBytes} bytes; ChatMock accepts at most {maxBodyBytes} (setting MaxRequestBodyBytes).")));
                }

                data = decoded;
            }
            catch (InvalidDataException ex)
            {
                return new(encoded, new RequestBodyFailure(
                    400,
                    ErrorTypes.UnreadableBody,
                    $"The request body is not valid {coding} data ({ex.Message}); send it encoded as its Content-Encoding says, or without Content-Encoding."));
            }
        }

        return new(data, null);
    }

    /// <summary>A stream that decodes <paramref name="coding"/>, or null for a coding ChatMock does not decode.</summary>
    private static Stream? Decoder(string coding, Stream source, ReadOnlySpan<byte> data)
    {
        if (string.Equals(coding, "gzip", StringComparison.OrdinalIgnoreCase) || string.Equals(coding, "x-gzip", StringComparison.OrdinalIgnoreCase))
        {
            return new GZipStream(source, CompressionMode.Decompress);
        }

        if (string.Equals(coding, "br", StringComparison.OrdinalIgnoreCase))
        {
            return new BrotliStream(source, CompressionMode.Decompress);
        }

        if (string.Equals(coding, "deflate", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 9110's deflate is the zlib format; many clients send raw deflate instead. A zlib stream starts with
            // a header whose method is 8 and whose first two bytes are a multiple of 31.
            var zlib = data.Length >= 2 && (data[0] & 0x0F) == 8 && ((data[0] << 8) | data[1]) % 31 == 0;
            return zlib ? new ZLibStream(source, CompressionMode.Decompress) : new DeflateStream(source, CompressionMode.Decompress);
        }

        return null;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; complete is false when there was more.</summary>
    private static (ReadOnlyMemory<byte> Bytes, bool Complete) ReadAtMost(Stream stream, int limit)
    {
        var buffer = new byte[Math.Min(limit + 1, 16 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (length > limit)
                {
                    return (buffer.AsMemory(0, limit), false);
                }

                Array.Resize(ref buffer, Math.Min(limit + 1, buffer.Length * 2));
            }

            var read = stream.Read(buffer, length, buffer.Length - length);
            if (read == 0)
            {
                return length > limit ? (buffer.AsMemory(0, limit), false) : (buffer.AsMemory(0, length), true);
            }

            length += read;
        }
    }

    /// <summary>
    /// Reads at most one byte more than the limit. A declared Content-Length sizes the buffer exactly (the server
    /// enforces it), so a usual call allocates its body once and nothing more.
    /// </summary>
    private static async Task<RequestBody> ReadRawAsync(Stream body, long? contentLength, int maxBodyBytes, CancellationToken cancellationToken)
    {
        if (contentLength == 0)
        {
            return new(ReadOnlyMemory<byte>.Empty, null);
        }

        var cap = maxBodyBytes + 1;
        var declared = contentLength is { } known && known < cap ? (int)known : -1;
        var buffer = new byte[declared > 0 ? declared : Math.Min(cap, 4 * 1024)];
        var length = 0;
        try
        {
            while (length < cap)
            {
                if (length == buffer.Length)
                {
                    if (length == declared)
                    {
                        break;
                    }

                    Array.Resize(ref buffer, Math.Min(cap, buffer.Length * 2));
                }

                var read = await body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return new(buffer.AsMemory(0, length), new RequestBodyFailure(
                408,
                ErrorTypes.RequestTimeout,
                string.Create(CultureInfo.InvariantCulture, $"The request body arrived too slowly; ChatMock stopped waiting after {length} bytes.")));
        }
        catch (BadHttpRequestException ex)
        {
            return new(buffer.AsMemory(0, length), new RequestBodyFailure(
                ex.StatusCode is >= 400 and < 500 ? ex.StatusCode : 400,
                ErrorTypes.UnreadableBody,
                string.Create(CultureInfo.InvariantCulture, $"The request body could not be read after {length} bytes: {ex.Message}")));
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            return new(buffer.AsMemory(0, length), new RequestBodyFailure(
                400,
                ErrorTypes.UnreadableBody,
                string.Create(CultureInfo.InvariantCulture, $"The client stopped sending the request body after {length} bytes.")));
        }

        return new(buffer.AsMemory(0, length), null);
    }

}
