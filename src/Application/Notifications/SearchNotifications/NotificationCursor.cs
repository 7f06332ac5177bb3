using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace EpicZoom.Application.Notifications.SearchNotifications;

/// <summary>
/// A position in the Notification Records order (newest <see cref="OccurredAtUtc"/> first, then newest
/// <see cref="CreatedAtUtc"/>, then <see cref="Id"/>): the key of one row, which a page starts after or ends before.
/// Sent to the browser as an opaque URL-safe string (base64url of a version byte, both times' ticks and the id).
/// </summary>
public readonly record struct NotificationCursor(DateTime OccurredAtUtc, DateTime CreatedAtUtc, Guid Id)
{
    private const byte Version = 1;
    private const int Length = 1 + 8 + 8 + 16;

    /// <summary>The longest text a cursor is (44 characters); anything longer is refused before decoding.</summary>
    public const int MaxTextLength = 44;

    public static NotificationCursor Of(NotificationRowDto row) => new(row.OccurredAtUtc, row.CreatedAtUtc, row.Id);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], OccurredAtUtc.Ticks);
        BinaryPrimitives.WriteInt64BigEndian(bytes[9..], CreatedAtUtc.Ticks);
        Id.TryWriteBytes(bytes[17..]);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Reads a cursor this type wrote; false for anything else (garbled, truncated, another version, impossible times).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out NotificationCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength) return false;
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_')) return false;
        }
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        Span<byte> bytes = stackalloc byte[48];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != Length || bytes[0] != Version) return false;
        var occurred = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        var created = BinaryPrimitives.ReadInt64BigEndian(bytes[9..]);
        if (occurred is < 0 || occurred > DateTime.MaxValue.Ticks || created is < 0 || created > DateTime.MaxValue.Ticks) return false;
        cursor = new NotificationCursor(new DateTime(occurred, DateTimeKind.Utc), new DateTime(created, DateTimeKind.Utc), new Guid(bytes[17..Length]));
        return true;
    }
}
