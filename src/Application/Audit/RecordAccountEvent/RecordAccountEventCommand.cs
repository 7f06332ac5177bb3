using System.Net;
using System.Net.Sockets;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Audit;
using EpicZoom.Domain.Common;
using MediatR;

namespace EpicZoom.Application.Audit.RecordAccountEvent;

/// <summary>What happened to an admin account, as the audit names it.</summary>
public enum AccountEvent
{
    SignedIn,
    SignInFailed,
    LockedOut,
    PasswordChanged,
    PasswordChangeFailed,
    SignedInWithSso,

    /// <summary>The IdP vouched for the user, but none of their groups maps to a portal role.</summary>
    SsoRefused,
    SignedOut,

    /// <summary>A local sign-in attempt while Authentication:LocalAccounts:Enabled is false.</summary>
    LocalSignInDisabled,
}

/// <summary>
/// Audits a sign-in, failed sign-in, lock-out or password change. Sent by the sign-in endpoints before anyone is signed
/// in, so it has no [Authorize]. <paramref name="KnownUserName"/> is the account's name only when such an account
/// exists: a typed name that matches no account is not recorded (it may be a password typed in the wrong field).
/// The address is recorded masked (IPv4 /24, IPv6 /48): enough to tell sites apart, not to single out a person.
/// </summary>
public sealed record RecordAccountEventCommand(AccountEvent Event, string? KnownUserName, IPAddress? RemoteAddress) : IRequest<Unit>;

internal sealed class RecordAccountEventCommandHandler(IAppDbContext db, TimeProvider time) : IRequestHandler<RecordAccountEventCommand, Unit>
{
    public const string UnknownUser = "(unknown user)";

    public async Task<Unit> Handle(RecordAccountEventCommand request, CancellationToken cancellationToken)
    {
        var actor = string.IsNullOrWhiteSpace(request.KnownUserName) ? UnknownUser : SafeText.Sanitize(request.KnownUserName, 200);
        var summary = request.RemoteAddress is { } address ? $"from {Mask(address)}" : "from an unknown address";
        db.AuditEntries.Add(AuditEntry.Record(time.GetUtcNow().UtcDateTime, actor, request.Event.ToString(), "AdminUser",
            actor == UnknownUser ? "" : actor, summary));
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    public static string Mask(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        var bytes = address.GetAddressBytes();
        if (address.AddressFamily == AddressFamily.InterNetwork) return $"{bytes[0]}.{bytes[1]}.{bytes[2]}.x";
        for (var i = 6; i < bytes.Length; i++) bytes[i] = 0;
        return new IPAddress(bytes) + "/48";
    }
}
