using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using EpicZoom.Application.Common.Interfaces;
using Microsoft.AspNetCore.DataProtection;

namespace EpicZoom.Infrastructure.Security;

/// <summary>
/// HMAC-SHA256 under a 256-bit key kept in the data folder (encrypted with Data Protection, like the other keys), so a
/// copy of the database alone can neither forge a link nor read a phone number back from its fingerprint. Several
/// instances share the data folder's keys, and with them this one. Signatures are truncated to 96 bits: plenty against
/// online guessing, short enough for a text message.
/// </summary>
internal sealed class HmacLinkSigner : ILinkSigner
{
    public const string KeyFileName = "link-signing.key";
    private const int SignatureBytes = 12;
    private const int MaxIdLength = 64;
    private readonly byte[] key;

    public HmacLinkSigner(AppPaths paths, IDataProtectionProvider provider)
    {
        var protector = provider.CreateProtector("EpicZoom.LinkSigning.v1");
        key = LoadOrCreate(Path.Combine(paths.DataPath, KeyFileName), protector);
    }

    public string Sign(string id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxIdLength || id.Contains('.')) throw new ArgumentException("A link id is 1 to 64 characters without '.'.", nameof(id));
        return id + "." + Base64Url.EncodeToString(Mac("link:" + id));
    }

    public string? Verify(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxIdLength + 1 + 32) return null;
        var dot = token.IndexOf('.');
        if (dot <= 0 || dot == token.Length - 1) return null;
        var id = token[..dot];
        // Only the URL-safe alphabet: no whitespace or padding that the decoder would quietly skip.
        if (!token.AsSpan(dot + 1).ContainsOnlyUrlSafe()) return null;
        Span<byte> given = stackalloc byte[32];
        if (!Base64Url.IsValid(token.AsSpan(dot + 1)) || Base64Url.DecodeFromChars(token.AsSpan(dot + 1), given, out _, out var written) != System.Buffers.OperationStatus.Done)
            return null;
        return written == SignatureBytes && CryptographicOperations.FixedTimeEquals(given[..written], Mac("link:" + id)) ? id : null;
    }

    public string Fingerprint(string value) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("fingerprint:" + value)));

    private byte[] Mac(string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data))[..SignatureBytes];

    private static byte[] LoadOrCreate(string file, IDataProtector protector)
    {
        if (File.Exists(file)) return protector.Unprotect(Convert.FromBase64String(File.ReadAllText(file).Trim()));
        var fresh = RandomNumberGenerator.GetBytes(32);
        // Written whole to a temporary file, then moved into place: a crash leaves no half-written key, and when two
        // instances start at once, the first move wins and the other reads that key.
        var temporary = file + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, Convert.ToBase64String(protector.Protect(fresh)));
        try
        {
            File.Move(temporary, file, overwrite: false);
            return fresh;
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary);
            return protector.Unprotect(Convert.FromBase64String(File.ReadAllText(file).Trim()));
        }
    }
}

internal static class UrlSafeText
{
    public static bool ContainsOnlyUrlSafe(this ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        }
        return true;
    }
}
