using System.Security.Cryptography;
using System.Text;

namespace EpicZoom.Infrastructure.External.Http;

/// <summary>
/// Part of a token cache key, so a tenant who fixes or rotates a secret gets a token for the new one at once
/// (and "test connection" tests the credentials entered, not a token cached from the old ones).
/// </summary>
internal static class CredentialFingerprint
{
    public static string Of(params string?[] parts) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts.Select(p => p ?? "")))), 0, 16);
}
