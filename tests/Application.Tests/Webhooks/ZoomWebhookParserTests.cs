using System.Text;
using EpicZoom.Application.Webhooks.Common;

namespace EpicZoom.Application.Tests.Webhooks;

/// <summary>
/// Each event EpicZoom acts on, in the shapes of Zoom's Meeting webhooks reference (the documented examples, with
/// their optional fields left out in turn) and of real captures (shared/spec/zoom.md §4).
/// </summary>
public sealed class ZoomWebhookParserTests
{
    private static readonly DateTime JoinedAt = new(2026, 3, 1, 10, 0, 5, DateTimeKind.Utc);
    private static readonly DateTime EventAt = DateTimeOffset.FromUnixTimeMilliseconds(1772359206000).UtcDateTime;

    private static ZoomEvent Parse(string json) => ZoomWebhookParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void UrlValidation_FromTheSpecTestVector_CarriesThePlainToken()
    {
        var parsed = Parse("""{"payload":{"plainToken":"xys8n8PGS7mAU0m5-YJjRA"},"event_ts":1720705455858,"event":"endpoint.url_validation"}""");

        var validation = Assert.IsType<ZoomUrlValidation>(parsed);
        Assert.Equal(("endpoint.url_validation", "xys8n8PGS7mAU0m5-YJjRA", (string?)null), (validation.Name, validation.PlainToken, validation.AccountId));
    }

    [Fact]
    public void MeetingStarted_IsTimedByItsStartTime_AndCarriesTheMeeting()
    {
        var parsed = Parse("""
            {"event":"meeting.started","event_ts":1772359206000,"payload":{"account_id":"AAAAAABBBB","object":{
              "id":"85746065432","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"My Meeting",
              "type":2,"start_time":"2026-03-01T10:00:00Z","timezone":"America/Los_Angeles","duration":60}}}
            """);

        var started = Assert.IsType<ZoomMeetingStarted>(parsed);
        Assert.Equal(("meeting.started", "AAAAAABBBB", 85746065432L, "4444AAAiAAAAAiAiAiiAii=="), (started.Name, started.AccountId, started.MeetingId!.Value, started.MeetingUuid));
        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 0, DateTimeKind.Utc), started.At);
        Assert.Equal(EventAt, started.EventTime);
        Assert.Empty(started.Notes);
    }

    [Fact]
    public void MeetingEnded_IsTimedByItsEndTime_ElseByEventTs()
    {
        var ended = Assert.IsType<ZoomMeetingEnded>(Parse("""
            {"event":"meeting.ended","event_ts":1772359206000,"payload":{"account_id":"AAAAAABBBB","object":{
              "id":85746065432,"uuid":"4444AAAiAAAAAiAiAiiAii==","start_time":"2026-03-01T10:00:00Z","end_time":"2026-03-01T10:45:00Z"}}}
            """));
        var withoutEnd = Assert.IsType<ZoomMeetingEnded>(Parse("""{"event":"meeting.ended","event_ts":"1772359206000","payload":{"object":{"id":"85746065432","start_time":"2026-03-01T10:00:00Z"}}}"""));

        Assert.Equal((85746065432L, new DateTime(2026, 3, 1, 10, 45, 0, DateTimeKind.Utc)), (ended.MeetingId!.Value, ended.At!.Value));
        Assert.Equal((EventAt, (string?)null), (withoutEnd.At!.Value, withoutEnd.AccountId));
    }

    [Fact]
    public void ParticipantJoined_SignedIn_CarriesEveryIdentifier_AndIsTimedByJoinTime()
    {
        var parsed = Parse("""
            {"event":"meeting.participant_joined","event_ts":1772359206000,"payload":{"account_id":"AAAAAABBBB","object":{
              "id":"85746065432","uuid":"4444AAAiAAAAAiAiAiiAii==","host_id":"x1yCzABCDEfg23HiJKl4mN","topic":"My Meeting","type":2,
              "start_time":"2026-03-01T09:00:00Z","timezone":"America/Los_Angeles","duration":60,
              "participant":{"user_id":"16778240","user_name":"Jill Chill","id":"iFxeBPYun6SAiWUzBcEkX","participant_uuid":"55555AAAiAAAAAiAiAiiAii",
                "join_time":"2026-03-01T10:00:05Z","email":"jchill@example.com","registrant_id":"abcdefghij0-klmnopq23456","participant_user_id":"rbsm1kc_PsA",
                "customer_key":"349589LkJyeW","phone_number":"8615250064084"}}}}
            """);

        var joined = Assert.IsType<ZoomParticipantJoined>(parsed);
        Assert.Equal(new ZoomParticipant
        {
            Id = "iFxeBPYun6SAiWUzBcEkX", ParticipantUserId = "rbsm1kc_PsA", UserId = "16778240", Email = "jchill@example.com",
            CustomerKey = "349589LkJyeW", RegistrantId = "abcdefghij0-klmnopq23456", ParticipantUuid = "55555AAAiAAAAAiAiAiiAii",
            UserName = "Jill Chill", JoinTime = JoinedAt,
        }, joined.Participant);
        Assert.Equal(JoinedAt, joined.At);
        Assert.Equal("55555AAAiAAAAAiAiAiiAii", joined.Participant!.SessionKey);
        Assert.Empty(joined.Notes);
    }

    /// <summary>Someone not signed in: id is "", user_id Zoom's per-meeting number (sometimes a JSON number), no participant_uuid.</summary>
    [Fact]
    public void ParticipantJoined_NotSignedIn_ReadsEmptyIdAsAbsent_AndTheNumberAsTheSession()
    {
        var joined = Assert.IsType<ZoomParticipantJoined>(Parse("""
            {"event":"meeting.participant_joined","event_ts":1772359206000,"payload":{"account_id":"AAAAAABBBB","object":{"id":85746065432,
              "participant":{"user_id":16778240,"user_name":"Guest","id":"","join_time":"2026-03-01T10:00:05Z"}}}}
            """));

        Assert.Equal((null, "16778240", "16778240", null, null), (joined.Participant!.Id, joined.Participant.UserId, joined.Participant.SessionKey, joined.Participant.Email, joined.Participant.CustomerKey));
        Assert.Empty(joined.Notes);
    }

    [Fact]
    public void ParticipantLeft_CarriesLeaveTimeJoinTimeAndReason_AndIsTimedByLeaveTime()
    {
        var left = Assert.IsType<ZoomParticipantLeft>(Parse("""
            {"event":"meeting.participant_left","event_ts":1772359206000,"payload":{"account_id":"AAAAAABBBB","object":{"id":"85746065432",
              "participant":{"user_id":"16778240","id":"iFxeBPYun6SAiWUzBcEkX","participant_uuid":"55555AAAiAAAAAiAiAiiAii",
                "leave_time":"2026-03-01T10:30:00Z","join_time":"2026-03-01T10:00:05Z","leave_reason":"Jill Chill left the meeting. Reason : left the meeting"}}}}
            """));

        Assert.Equal(new DateTime(2026, 3, 1, 10, 30, 0, DateTimeKind.Utc), left.At);
        Assert.Equal((JoinedAt, "Jill Chill left the meeting. Reason : left the meeting"), (left.Participant!.JoinTime!.Value, left.Participant.LeaveReason));
    }

    [Fact]
    public void ParticipantLeft_WithoutLeaveTime_IsTimedByEventTs_AndWithoutEitherHasNoTime()
    {
        var byEventTs = Assert.IsType<ZoomParticipantLeft>(Parse("""{"event":"meeting.participant_left","event_ts":1772359206000,"payload":{"object":{"id":"1","participant":{"id":"u"}}}}"""));
        var untimed = Assert.IsType<ZoomParticipantLeft>(Parse("""{"event":"meeting.participant_left","payload":{"object":{"id":"1","participant":{"id":"u"}}}}"""));

        Assert.Equal(EventAt, byEventTs.At);
        Assert.Null(untimed.At);
        Assert.Empty(untimed.Notes);
    }

    [Fact]
    public void BreakoutRoomEvents_AreTheirOwnTypes()
    {
        var joined = Parse("""
            {"event":"meeting.participant_joined_breakout_room","event_ts":1772359206000,"payload":{"account_id":"AAAAAABBBB","object":{
              "id":"85746065432","uuid":"4444AAAiAAAAAiAiAiiAii==","breakout_room_uuid":"BBBBBBiAAAAAiAiAiiAii==",
              "participant":{"user_id":"16778240","user_name":"Jill Chill","id":"iFxeBPYun6SAiWUzBcEkX","join_time":"2026-03-01T10:00:05Z"}}}}
            """);
        var left = Parse("""
            {"event":"meeting.participant_left_breakout_room","event_ts":1772359206000,"payload":{"account_id":"AAAAAABBBB","object":{
              "id":"85746065432","breakout_room_uuid":"BBBBBBiAAAAAiAiAiiAii==",
              "participant":{"user_id":"16778240","leave_time":"2026-03-01T10:20:00Z","leave_reason":"left the meeting to join main meeting"}}}}
            """);

        Assert.Equal(JoinedAt, Assert.IsType<ZoomBreakoutRoomJoined>(joined).At);
        Assert.Equal("left the meeting to join main meeting", Assert.IsType<ZoomBreakoutRoomLeft>(left).Participant!.LeaveReason);
    }

    [Fact]
    public void WaitingRoomEvent_IsAnotherMeetingEvent_TimedByDateTime()
    {
        var waiting = Assert.IsType<ZoomOtherMeetingEvent>(Parse("""
            {"event":"meeting.participant_joined_waiting_room","event_ts":1772359206000,"payload":{"account_id":"AAAAAABBBB","object":{
              "id":"85746065432","participant":{"user_id":"16778240","user_name":"Guest","id":"","date_time":"2026-03-01T10:00:05Z"}}}}
            """));

        Assert.Equal(("meeting.participant_joined_waiting_room", JoinedAt, 85746065432L), (waiting.Name, waiting.At!.Value, waiting.MeetingId!.Value));
    }

    [Theory]
    [InlineData("""{"event":"rtms.started","event_ts":1772359206000,"payload":{"meeting_uuid":"x","rtms_stream_id":"y"}}""", "rtms.started", null)]
    [InlineData("""{"event":"app_deauthorized","payload":{"account_id":"AAAAAABBBB","user_id":"z"}}""", "app_deauthorized", "AAAAAABBBB")]
    public void NonMeetingEvents_AreOtherEvents_WithTheirAccountWhenSent(string json, string name, string? accountId)
    {
        var other = Assert.IsType<ZoomOtherEvent>(Parse(json));

        Assert.Equal((name, accountId), (other.Name, other.AccountId));
    }

    [Fact]
    public void Fields_InAnyOrder_AreReadTheSame()
    {
        var joined = Assert.IsType<ZoomParticipantJoined>(Parse("""
            {"payload":{"object":{"participant":{"join_time":"2026-03-01T10:00:05Z","id":"u1"},"id":"42"},"account_id":"acc"},"event_ts":1772359206000,"event":"meeting.participant_joined"}
            """));

        Assert.Equal(("acc", 42L, "u1", JoinedAt), (joined.AccountId, joined.MeetingId!.Value, joined.Participant!.Id, joined.At!.Value));
    }

    [Fact]
    public void MeetingEvent_WithoutPayload_HasNoMeetingIdAndNoParticipant()
    {
        var joined = Assert.IsType<ZoomParticipantJoined>(Parse("""{"event":"meeting.participant_joined","event_ts":1772359206000}"""));

        Assert.Equal((null, null, null, EventAt), (joined.MeetingId, joined.Participant, joined.AccountId, joined.At!.Value));
    }
}
