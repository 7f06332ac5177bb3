using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Sms;

/// <summary>
/// SMS accounts: registered over the test API (which may replace a configured one), then the
/// configured ones, then, when none is configured, the built-in account.
/// </summary>
internal sealed class SmsAccountRegistry(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<string, SandboxSmsAccount> registered = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Sms;

    /// <summary>Every account, registered ones first (newest first), each sid once.</summary>
    public IReadOnlyList<SandboxSmsAccount> All(SandboxUrls urls)
    {
        var overrides = registered.Values().Reverse().ToList();
        return overrides.Concat(Configured(urls).Where(c => overrides.All(o => o.AccountSid != c.AccountSid))).ToList();
    }

    public SandboxSmsAccount? Find(string? accountSid, SandboxUrls urls) =>
        string.IsNullOrEmpty(accountSid) ? null : All(urls).FirstOrDefault(a => a.AccountSid == accountSid);

    /// <summary>The account that owns a phone number: where a reply to that number goes.</summary>
    public SandboxSmsAccount? FindByNumber(string? number, SandboxUrls urls) =>
        string.IsNullOrEmpty(number) ? null : All(urls).FirstOrDefault(a => a.FromNumber == number);

    /// <summary>The first configured account (the built-in one without configuration), as registered now.</summary>
    public SandboxSmsAccount Default(SandboxUrls urls) => Find(Configured(urls)[0].AccountSid, urls)!;

    public void Register(SandboxSmsAccount account) => registered.Set(account.AccountSid, account);

    public void Reset() => registered.Clear();

    private IReadOnlyList<SandboxSmsAccount> Configured(SandboxUrls urls) =>
        options.Value.SmsAccounts is { Count: > 0 } configured ? configured : [SandboxDefaults.SmsAccount(urls.EpicZoomBaseUrl)];
}
