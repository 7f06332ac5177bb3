using System.Security.Cryptography;
using System.Text;
using EpicZoom.Sandbox.Common;
using Microsoft.IdentityModel.Tokens;

namespace EpicZoom.Sandbox.Epic.Smart;

/// <summary>RFC 7636 with the S256 method, the only one Epic accepts.</summary>
internal static class Pkce
{
    public static bool Verifies(string? verifier, string challenge) =>
        verifier is { Length: >= 43 and <= 128 }
        && verifier.All(IsUnreserved)
        && AuthorizationHeader.SecretEquals(S256(verifier), challenge);

    public static string S256(string verifier) => Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    private static bool IsUnreserved(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~';
}
