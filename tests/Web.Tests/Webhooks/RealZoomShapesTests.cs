using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Visits;
using EpicZoom.Domain.Webhooks;
using EpicZoom.Domain.ZoomAccounts;
using EpicZoom.Web.Tests.Launch;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Webhooks;

/// <summary>
/// The participant events real Zoom sends (shared/spec/zoom.md §4, Zoom's Meeting webhooks reference, captures),
/// posted signed over HTTP: who they name, when they happened, several sessions of one person, breakout rooms, events
/// without account_id and parts that cannot be read. Each test checks the reports EpicZoom wrote for Epic.
/// </summary>
public sealed class RealZoomShapesTests(SandboxedApp sandbox) : IClassFixture<SandboxedApp>
{
    private static readonly DateTimeOffset T0 = new(DateTimeOffset.UtcNow.Year, 1, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task NotSignedIn_IdEmpty_IsFoundByTheEmailOfTheZoomUserEpicZoomMadeForThem()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var email = await PatientEmailAsync(visit);

        await PostAsync(Join(visit, p => { p["email"] = email.ToUpperInvariant(); }));

        var record = Assert.Single(await SettledAsync(visit, 1));
        Assert.Equal((visit.PatientEpicId, NotificationKind.Connected), (record.ExternalId, record.Kind));
    }

    [Fact]
    public async Task NotSignedIn_WithOnlyZoomsPerMeetingUserId_NamesNobody()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var body = Join(visit, p => { });

        await PostAsync(body);

        Assert.Equal("participant not from Epic", (await ProcessedAsync(body)).ProcessingNote);
        Assert.Empty(await sandbox.RecordsAsync(visit.Csn));
    }

    [Theory]
    [InlineData("participant_user_id")]
    [InlineData("user_id")]
    [InlineData("customer_key")]
    public async Task Participant_IsFoundByEachOtherIdentifierZoomMayCarry(string field)
    {
        var visit = await sandbox.LaunchVisitAsync();
        var value = field == "customer_key"
            ? (await sandbox.DbAsync(db => db.VisitParticipants.AsNoTracking().SingleAsync(p => p.ZoomUserId == visit.PatientZoomUserId))).CustomerKey
            : visit.PatientZoomUserId;

        await PostAsync(Join(visit, p => p[field] = value));

        var record = Assert.Single(await SettledAsync(visit, 1));
        Assert.Equal(visit.PatientEpicId, record.ExternalId);
    }

    [Fact]
    public async Task Left_CarriesJoinTimeAndLeaveTime_TheLeaveIsReportedAtLeaveTime()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var uuid = NewUuid();
        await PostAsync(Join(visit, p => { Signed(p, visit); p["participant_uuid"] = uuid; p["join_time"] = WebhookTestKit.ZoomTime(T0); }));
        await PostAsync(Left(visit, p => { Signed(p, visit); p["participant_uuid"] = uuid; p["join_time"] = WebhookTestKit.ZoomTime(T0); p["leave_time"] = WebhookTestKit.ZoomTime(T0.AddMinutes(7)); }));

        var records = await SettledAsync(visit, 2);
        Assert.Equal(
            [(NotificationKind.Connected, T0.UtcDateTime), (NotificationKind.Disconnected, T0.AddMinutes(7).UtcDateTime)],
            records.OrderBy(r => r.Sequence).Select(r => (r.Kind, r.OccurredAtUtc)));
    }

    /// <summary>Without a participant time the event's own event_ts is the time, as a number or a numeric string; never the meeting's (scheduled) start_time.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Join_WithoutJoinTime_IsAtEventTs_NumberOrString_NeverAtTheMeetingsStartTime(bool eventTsAsString)
    {
        var visit = await sandbox.LaunchVisitAsync();
        var at = T0.AddMinutes(3).AddMilliseconds(250);

        await PostAsync(WebhookTestKit.ZoomEvent("meeting.participant_joined", visit.MeetingId, p => Signed(p, visit), at, eventTsAsString));

        Assert.Equal(at.UtcDateTime, Assert.Single(await SettledAsync(visit, 1)).OccurredAtUtc);
    }

    [Fact]
    public async Task TwoDevices_TheLightStaysGreenUntilTheLastSessionLeaves()
    {
        var visit = await sandbox.LaunchVisitAsync();
        string phone = NewUuid(), laptop = NewUuid();
        await PostAsync(Join(visit, p => { Signed(p, visit); p["participant_uuid"] = phone; p["join_time"] = WebhookTestKit.ZoomTime(T0); }));
        await PostAsync(Join(visit, p => { Signed(p, visit); p["participant_uuid"] = laptop; p["join_time"] = WebhookTestKit.ZoomTime(T0.AddSeconds(30)); }));
        var phoneLeft = Left(visit, p => { Signed(p, visit); p["participant_uuid"] = phone; p["join_time"] = WebhookTestKit.ZoomTime(T0); p["leave_time"] = WebhookTestKit.ZoomTime(T0.AddMinutes(1)); });
        await PostAsync(phoneLeft);

        Assert.Equal("no change", (await ProcessedAsync(phoneLeft)).ProcessingNote);
        Assert.Equal([NotificationKind.Connected], (await SettledAsync(visit, 1)).Select(r => r.Kind));

        await PostAsync(Left(visit, p => { Signed(p, visit); p["participant_uuid"] = laptop; p["join_time"] = WebhookTestKit.ZoomTime(T0.AddSeconds(30)); p["leave_time"] = WebhookTestKit.ZoomTime(T0.AddMinutes(2)); }));
        Assert.Equal([NotificationKind.Connected, NotificationKind.Disconnected], (await SettledAsync(visit, 2)).OrderBy(r => r.Sequence).Select(r => r.Kind));
        var sessions = await sandbox.DbAsync(db => db.Set<ParticipantSession>().AsNoTracking()
            .Where(s => db.VisitParticipants.Any(p => p.Id == s.ParticipantId && p.ZoomUserId == visit.PatientZoomUserId)).CountAsync());
        Assert.Equal(2, sessions);
    }

    /// <summary>
    /// Processing reads only the sessions that can decide a light (open ones and the one an event names), not a visit's
    /// whole history: after five rejoins, a repeat naming the first, long-closed session still finds it (no second
    /// row, no change), and the last leave still turns the light grey.
    /// </summary>
    [Fact]
    public async Task AfterManyRejoins_ARepeatOfAnOldClosedSession_FindsIt_AndChangesNothing()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var uuids = Enumerable.Range(0, 5).Select(_ => NewUuid()).ToList();
        for (var i = 0; i < uuids.Count; i++)
        {
            var (uuid, joined) = (uuids[i], T0.AddMinutes(i));
            await PostAsync(Join(visit, p => { Signed(p, visit); p["participant_uuid"] = uuid; p["join_time"] = WebhookTestKit.ZoomTime(joined); }));
            await PostAsync(Left(visit, p => { Signed(p, visit); p["participant_uuid"] = uuid; p["join_time"] = WebhookTestKit.ZoomTime(joined); p["leave_time"] = WebhookTestKit.ZoomTime(joined.AddSeconds(30)); }));
            await SettledAsync(visit, 2 * (i + 1));
        }

        var repeat = Join(visit, p => { Signed(p, visit); p["participant_uuid"] = uuids[0]; p["join_time"] = WebhookTestKit.ZoomTime(T0); }, T0.AddMinutes(10));
        await PostAsync(repeat);

        Assert.Equal("no change", (await ProcessedAsync(repeat)).ProcessingNote);
        var records = (await sandbox.RecordsAsync(visit.Csn)).OrderBy(r => r.Sequence).ToList();
        Assert.Equal(Enumerable.Repeat(new[] { NotificationKind.Connected, NotificationKind.Disconnected }, 5).SelectMany(k => k), records.Select(r => r.Kind));
        var sessions = await sandbox.DbAsync(db => db.Set<ParticipantSession>().AsNoTracking()
            .Where(s => db.VisitParticipants.Any(p => p.Id == s.ParticipantId && p.ZoomUserId == visit.PatientZoomUserId)).Select(s => s.Key).ToListAsync());
        Assert.Equal(uuids.Order(), sessions.Order());
    }

    [Fact]
    public async Task LateJoin_AfterItsSessionsLeave_AndARepeat_DoNotFlipTheLight()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var uuid = NewUuid();
        await PostAsync(Left(visit, p => { Signed(p, visit); p["participant_uuid"] = uuid; p["join_time"] = WebhookTestKit.ZoomTime(T0); p["leave_time"] = WebhookTestKit.ZoomTime(T0.AddMinutes(5)); }));
        await SettledAsync(visit, 1);

        var late = Join(visit, p => { Signed(p, visit); p["participant_uuid"] = uuid; p["join_time"] = WebhookTestKit.ZoomTime(T0); }, T0.AddSeconds(1));
        var repeat = Join(visit, p => { Signed(p, visit); p["participant_uuid"] = uuid; p["join_time"] = WebhookTestKit.ZoomTime(T0); }, T0.AddSeconds(2));
        await PostAsync(late);
        await PostAsync(repeat);

        Assert.Equal("no change", (await ProcessedAsync(late)).ProcessingNote);
        Assert.Equal("no change", (await ProcessedAsync(repeat)).ProcessingNote);
        Assert.Equal([NotificationKind.Disconnected], (await sandbox.RecordsAsync(visit.Csn)).Select(r => r.Kind));
    }

    /// <summary>
    /// A move to a breakout room and back, as Zoom reports it: main-room leaves with the room-move reasons, joins of
    /// the same session at the same instant, and the breakout-room events. The person never left the visit.
    /// </summary>
    [Fact]
    public async Task BreakoutRoom_ThereAndBack_IsNotLeavingTheVisit()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var uuid = NewUuid();
        DateTimeOffset t1 = T0.AddMinutes(1), t2 = T0.AddMinutes(2);
        Action<JsonObject> me = p => { Signed(p, visit); p["participant_uuid"] = uuid; };
        await PostAsync(Join(visit, p => { me(p); p["join_time"] = WebhookTestKit.ZoomTime(T0); }));
        await SettledAsync(visit, 1);

        var moves = new[]
        {
            Left(visit, p => { me(p); p["join_time"] = WebhookTestKit.ZoomTime(T0); p["leave_time"] = WebhookTestKit.ZoomTime(t1); p["leave_reason"] = "Test Person left the meeting to join breakout room."; }),
            Join(visit, p => { me(p); p["user_id"] = "16779264"; p["join_time"] = WebhookTestKit.ZoomTime(t1); }),
            WebhookTestKit.ZoomEvent("meeting.participant_joined_breakout_room", visit.MeetingId, p => { me(p); p["user_id"] = "167792642026-01-01 10:01:00:000"; p["parent_user_id"] = "16779264"; p["join_time"] = WebhookTestKit.ZoomTime(t1); }, t1),
            WebhookTestKit.ZoomEvent("meeting.participant_left_breakout_room", visit.MeetingId, p => { me(p); p["leave_time"] = WebhookTestKit.ZoomTime(t2); p["leave_reason"] = "Leave breakout room."; }, t2),
            Left(visit, p => { me(p); p["join_time"] = WebhookTestKit.ZoomTime(t1); p["leave_time"] = WebhookTestKit.ZoomTime(t2); p["leave_reason"] = "Test Person LEAVE BREAKOUT ROOM TO JOIN MAIN MEETING"; }),
            Join(visit, p => { me(p); p["join_time"] = WebhookTestKit.ZoomTime(t2); }),
        };
        foreach (var body in moves) await PostAsync(body);

        foreach (var body in moves) await ProcessedAsync(body);
        Assert.Equal([NotificationKind.Connected], (await sandbox.RecordsAsync(visit.Csn)).Select(r => r.Kind));
        Assert.DoesNotContain((await sandbox.EpicReportsAsync(visit.Csn)), r => r.GetProperty("connectionStatus").GetString() == "2");
    }

    /// <summary>Captures show room moves whose leave says only "left the meeting", with the join of the same session at the same second delivered after it.</summary>
    [Fact]
    public async Task RoomMove_WithAPlainLeaveReason_DeliveredLeaveFirst_ReportsNoDisconnect()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var uuid = NewUuid();
        var t1 = T0.AddMinutes(1);
        await PostAsync(Join(visit, p => { Signed(p, visit); p["participant_uuid"] = uuid; p["join_time"] = WebhookTestKit.ZoomTime(T0); }));
        await SettledAsync(visit, 1);

        var left = Left(visit, p => { Signed(p, visit); p["participant_uuid"] = uuid; p["join_time"] = WebhookTestKit.ZoomTime(T0); p["leave_time"] = WebhookTestKit.ZoomTime(t1); p["leave_reason"] = "Test Person left the meeting. Reason : left the meeting"; });
        var joined = Join(visit, p => { Signed(p, visit); p["participant_uuid"] = uuid; p["user_id"] = "16780288"; p["join_time"] = WebhookTestKit.ZoomTime(t1); });
        await PostAsync(left);
        await PostAsync(joined);

        Assert.Equal("no change", (await ProcessedAsync(left)).ProcessingNote);
        Assert.Equal("no change", (await ProcessedAsync(joined)).ProcessingNote);
        Assert.Equal([NotificationKind.Connected], (await sandbox.RecordsAsync(visit.Csn)).Select(r => r.Kind));
    }

    [Theory]
    [InlineData("rtms.started")]
    [InlineData("whiteboard.created")]
    [InlineData("team_chat.channel_message_posted")]
    [InlineData("bot_notification")]
    [InlineData("app_deauthorized")]
    public async Task SignedEvent_WithoutAccountId_Is204_AndNotKept(string eventName)
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"" + eventName + "\",\"event_ts\":\"" + DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)
            + "\",\"payload\":{\"object\":{\"id\":\"x\"}}}");

        var response = await sandbox.PostSignedAsync(body);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(0, await sandbox.StoredCountAsync(body));
    }

    /// <summary>A string where a number was expected, times that are not times, an escaped lone surrogate, bytes that are not UTF-8: the event ends processed, with a note naming the fields.</summary>
    [Fact]
    public async Task UnreadableParts_EndAsAProcessedEventWithANote_AndTheRestIsUsed()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var json = Encoding.UTF8.GetString(Join(visit, p =>
        {
            p["participant_user_id"] = visit.PatientZoomUserId;
            p["id"] = "LONE";
            p["user_name"] = "NAME";
            p["join_time"] = WebhookTestKit.ZoomTime(T0);
        })).Replace("\"LONE\"", "\"\\ud800\"", StringComparison.Ordinal).Replace("\"registrant_id\":\"\"", "\"registrant_id\":{\"a\":1}", StringComparison.Ordinal);
        var name = json.IndexOf("\"NAME\"", StringComparison.Ordinal);
        // The name: an overlong '/' and a byte that is never UTF-8.
        byte[] body = [.. Encoding.UTF8.GetBytes(json[..name]), .. "\"N"u8.ToArray(), 0xC0, 0xAF, 0xFF, (byte)'"', .. Encoding.UTF8.GetBytes(json[(name + 6)..])];

        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.PostSignedAsync(body)).StatusCode);

        var stored = await ProcessedAsync(body);
        Assert.Equal(1, stored.ProcessingAttempts);
        Assert.Contains("participant.id unreadable", stored.ProcessingNote, StringComparison.Ordinal);
        Assert.Contains("participant.registrant_id unreadable", stored.ProcessingNote, StringComparison.Ordinal);
        Assert.Single(await SettledAsync(visit, 1), r => r.ExternalId == visit.PatientEpicId);
    }

    [Fact]
    public async Task EventTs_ThatIsNotANumber_IsANote_AndAJoinWithoutAnyTimeIsNotApplied()
    {
        var visit = await sandbox.LaunchVisitAsync();
        var body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(WebhookTestKit.ZoomEvent("meeting.participant_joined", visit.MeetingId, p => Signed(p, visit), T0, eventTsAsString: true))
            .Replace($"\"{T0.ToUnixTimeMilliseconds()}\"", "\"soon\"", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await sandbox.PostSignedAsync(body)).StatusCode);

        Assert.Equal("no event time: not applied; event_ts unreadable", (await ProcessedAsync(body)).ProcessingNote);
        Assert.Empty(await sandbox.RecordsAsync(visit.Csn));
    }

    private static string NewUuid() => Guid.NewGuid().ToString().ToUpperInvariant();

    /// <summary>The patient, signed in: id and participant_user_id are their Zoom user.</summary>
    private static void Signed(JsonObject p, Visit visit)
    {
        p["id"] = visit.PatientZoomUserId;
        p["participant_user_id"] = visit.PatientZoomUserId;
    }

    private static byte[] Join(Visit visit, Action<JsonObject> participant, DateTimeOffset? eventTs = null) =>
        WebhookTestKit.ZoomEvent("meeting.participant_joined", visit.MeetingId, p =>
        {
            p["join_time"] = WebhookTestKit.ZoomTime(T0);
            participant(p);
        }, eventTs ?? T0);

    private static byte[] Left(Visit visit, Action<JsonObject> participant) =>
        WebhookTestKit.ZoomEvent("meeting.participant_left", visit.MeetingId, p =>
        {
            p["leave_reason"] = "Test Person left the meeting. Reason : left the meeting";
            participant(p);
        }, T0.AddHours(1));

    private async Task PostAsync(byte[] body)
    {
        var response = await sandbox.PostSignedAsync(body);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private Task<string> PatientEmailAsync(Visit visit) =>
        sandbox.DbAsync(db => db.ZoomAccounts.AsNoTracking().Where(a => a.Kind == ZoomAccountKind.Patient && a.ZoomUserId == visit.PatientZoomUserId)
            .Select(a => a.Email).SingleAsync());

    private async Task<ZoomWebhookEvent> ProcessedAsync(byte[] body)
    {
        var hash = WebhookTestKit.BodyHash(body);
        return (await WebhookTestKit.EventuallyAsync(
            () => sandbox.DbAsync(db => db.WebhookEvents.AsNoTracking().SingleOrDefaultAsync(e => e.BodyHash == hash)),
            e => e?.ProcessedAtUtc is not null, "the event to be processed"))!;
    }

    /// <summary>Waits for <paramref name="count"/> records and for every stored event of the meeting to be processed, so nothing is still on its way.</summary>
    private async Task<List<NotificationRecord>> SettledAsync(Visit visit, int count)
    {
        var records = await WebhookTestKit.EventuallyAsync(() => sandbox.RecordsAsync(visit.Csn), r => r.Count >= count, $"{count} report(s)");
        await WebhookTestKit.EventuallyAsync(() => sandbox.DbAsync(db => db.WebhookEvents.CountAsync(e => e.ProcessedAtUtc == null && e.NeedsAttentionSinceUtc == null)),
            n => n == 0, "every stored event processed");
        Assert.Equal(count, (await sandbox.RecordsAsync(visit.Csn)).Count);
        return records;
    }
}
