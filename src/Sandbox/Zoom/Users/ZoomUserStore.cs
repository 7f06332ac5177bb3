using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Zoom.Users;

/// <summary>A user of one Zoom account. <see cref="Action"/> is how it was created (custCreate, create...).</summary>
internal sealed record ZoomUser(
    string Id,
    string AccountId,
    string Email,
    string FirstName,
    string LastName,
    int Type,
    string Action,
    long Pmi,
    DateTimeOffset CreatedAt)
{
    public string DisplayName => $"{FirstName} {LastName}".Trim();

    /// <summary>Zoom keeps "create" users pending until they confirm the emailed invitation.</summary>
    public string Status => Action == "create" ? "pending" : "active";
}

/// <summary>Users per account; an email is unique within its account.</summary>
internal sealed class ZoomUserStore(IOptions<SandboxOptions> options) : ISandboxState
{
    // Makes "email unused, so create" one step: two concurrent creates cannot both succeed.
    private readonly Lock gate = new();
    private readonly BoundedStore<string, ZoomUser> users = new(options.Value.MaxStoredItems, StringComparer.Ordinal);

    public Simulator Simulator => Simulator.Zoom;

    /// <summary>False when the account already has a user with that email.</summary>
    public bool TryAdd(ZoomUser user)
    {
        lock (gate)
        {
            if (FindByEmail(user.AccountId, user.Email) is not null)
            {
                return false;
            }

            users.Set(user.Id, user);
            return true;
        }
    }

    /// <summary>By Zoom user id or by email, as the Zoom API accepts either.</summary>
    public ZoomUser? Find(string accountId, string idOrEmail) =>
        users.TryGet(idOrEmail, out var user) && user.AccountId == accountId ? user : FindByEmail(accountId, idOrEmail);

    public ZoomUser? FindByEmail(string accountId, string? email) =>
        string.IsNullOrEmpty(email)
            ? null
            : users.Values().FirstOrDefault(u => u.AccountId == accountId && string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase));

    public bool Remove(string id) => users.Remove(id);

    public void Reset() => users.Clear();
}
