using System.Text.Json;
using EpicZoom.Application.Sms.SendVisitLink;
using Microsoft.AspNetCore.DataProtection;

namespace EpicZoom.Web.Sms;

/// <summary>
/// Carries a send's outcome across the redirect after the POST, in the query string: encrypted and signed (it may hold
/// the number the clinician typed), valid for 15 minutes, so it can be neither forged nor read, and nothing is kept.
/// </summary>
internal sealed class SmsOutcomeCarrier(IDataProtectionProvider protection)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private readonly ITimeLimitedDataProtector protector = protection.CreateProtector("EpicZoom.Sms.SendOutcome.v1").ToTimeLimitedDataProtector();

    public sealed record Shown(SmsSendResultKind Kind, string Message, string? Phone)
    {
        public bool Sent => Kind == SmsSendResultKind.Sent;
    }

    public string Write(SmsSendOutcome outcome, string? phone) =>
        protector.Protect(JsonSerializer.Serialize(new Shown(outcome.Kind, outcome.Message, outcome.Sent ? null : phone)), Lifetime);

    /// <summary>The outcome, or null when there is none or it was altered or is too old (then the plain form shows).</summary>
    public Shown? Read(string? carried)
    {
        if (string.IsNullOrEmpty(carried) || carried.Length > 8192) return null;
        try
        {
            return JsonSerializer.Deserialize<Shown>(protector.Unprotect(carried, out _));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
