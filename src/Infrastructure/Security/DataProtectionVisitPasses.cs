using System.Security.Cryptography;
using System.Text.Json;
using EpicZoom.Application.Common.Interfaces;
using Microsoft.AspNetCore.DataProtection;

namespace EpicZoom.Infrastructure.Security;

/// <summary>Visit passes as authenticated, encrypted, time-limited Data Protection payloads: nothing to store, nothing to guess.</summary>
internal sealed class DataProtectionVisitPasses(IDataProtectionProvider provider, TimeProvider clock) : IVisitPasses
{
    private readonly ITimeLimitedDataProtector protector = provider.CreateProtector("EpicZoom.VisitPasses.v1").ToTimeLimitedDataProtector();

    public string Issue(VisitPass pass, TimeSpan lifetime) =>
        protector.Protect(JsonSerializer.Serialize(pass), clock.GetUtcNow() + lifetime);

    public VisitPass? Read(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return null;
        try
        {
            var json = protector.Unprotect(token, out var expiration);
            return expiration < clock.GetUtcNow() ? null : JsonSerializer.Deserialize<VisitPass>(json);
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
