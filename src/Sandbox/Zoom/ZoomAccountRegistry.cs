using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom;

/// <summary>
/// Which account settings the Zoom admin has locked. A locked setting silently overrides what a
/// meeting asks for; <see cref="WaitingRoomForcedValue"/> is the locked waiting-room value.
/// </summary>
internal sealed record ZoomLockSettings(bool JoinBeforeHostLocked, bool WaitingRoomLocked, bool? WaitingRoomForcedValue)
{
    public static readonly ZoomLockSettings Unlocked = new(false, false, null);

    /// <summary>The account-level waiting room default (off unless the lock forces it on).</summary>
    public bool AccountWaitingRoom => WaitingRoomForcedValue ?? false;
}

/// <summary>
/// Zoom accounts: registered over the test API (which may replace a configured one), then the
/// configured ones, then, when none is configured, the built-in account.
/// </summary>
internal sealed class ZoomAccountRegistry(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedStore<string, SandboxZoomAccount> registered = new(options.Value.MaxStoredItems, StringComparer.Ordinal);
    private readonly BoundedStore<string, ZoomLockSettings> locks = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Zoom;

    public SandboxZoomAccount? Find(string? accountId, SandboxUrls urls)
    {
        if (string.IsNullOrEmpty(accountId))
        {
            return null;
        }

        if (registered.TryGet(accountId, out var account))
        {
            return account;
        }

        var configured = options.Value.ZoomAccounts;
        if (configured.Count == 0)
        {
            return accountId == SandboxDefaults.ZoomAccountId ? SandboxDefaults.ZoomAccount(urls.EpicZoomBaseUrl) : null;
        }

        return configured.FirstOrDefault(a => a.AccountId == accountId);
    }

    public void Register(SandboxZoomAccount account) => registered.Set(account.AccountId, account);

    public ZoomLockSettings LockSettings(string accountId) => locks.TryGet(accountId, out var settings) ? settings : ZoomLockSettings.Unlocked;

    public void SetLockSettings(string accountId, ZoomLockSettings settings) => locks.Set(accountId, settings);

    public void Reset()
    {
        registered.Clear();
        locks.Clear();
    }
}
