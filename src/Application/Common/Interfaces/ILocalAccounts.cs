namespace EpicZoom.Application.Common.Interfaces;

/// <summary>A break-glass local account as the portal lists it; never its password or hash.</summary>
public sealed record LocalAccountDto(string Id, string UserName, string? Role, bool Disabled, bool MustChangePassword, bool LockedOut);

/// <summary>Why the account store refused a change, on the request's field (e.g. InitialPassword: too short).</summary>
public sealed record LocalAccountFailure(string Field, string Message);

/// <summary>
/// The local accounts (ASP.NET Core Identity behind it). Each change is saved through the application's unit of work,
/// so audit entries the handler added beforehand commit with it, or not at all.
/// </summary>
public interface ILocalAccounts
{
    Task<IReadOnlyList<LocalAccountDto>> ListAsync(CancellationToken cancellationToken);

    Task<LocalAccountDto?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates an account that must choose a new password at first sign-in; lockout applies to it.</summary>
    Task<IReadOnlyList<LocalAccountFailure>> CreateAsync(string userName, string role, string initialPassword, CancellationToken cancellationToken);

    /// <summary>The account holds exactly <paramref name="role"/> afterwards; its open sessions are refreshed within a minute.</summary>
    Task<IReadOnlyList<LocalAccountFailure>> SetRoleAsync(string id, string role, CancellationToken cancellationToken);

    /// <summary>A disabled account cannot sign in and its open sessions end within a minute.</summary>
    Task<IReadOnlyList<LocalAccountFailure>> SetDisabledAsync(string id, bool disabled, CancellationToken cancellationToken);
}
