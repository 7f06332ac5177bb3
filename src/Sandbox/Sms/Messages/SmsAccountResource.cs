namespace EpicZoom.Sandbox.Sms.Messages;

/// <summary>Twilio's Account resource (GET /2010-04-01/Accounts/{sid}.json): what a client reads to check its credentials.</summary>
internal sealed record SmsAccountResource(string Sid, string FriendlyName, string Status, string Type)
{
    public static SmsAccountResource Of(SandboxSmsAccount account) => new(account.AccountSid, "EpicZoom sandbox SMS", "active", "Full");
}
