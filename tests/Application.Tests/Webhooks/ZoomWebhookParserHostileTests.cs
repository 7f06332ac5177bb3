using System.Text;
using EpicZoom.Application.Webhooks.Common;

namespace EpicZoom.Application.Tests.Webhooks;

/// <summary>What the parser makes of bodies that are not what Zoom documents: never an exception, a note per field.</summary>
public sealed class ZoomWebhookParserHostileTests
{
    private static ZoomEvent Parse(string json) => ZoomWebhookParser.Parse(Encoding.UTF8.GetBytes(json));

    private static byte[] Bytes(string before, byte[] raw, string after) => [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];

    public static TheoryData<string, bool> NotEvents => new()
    {
        { "", false },
        { "not json", false },
        { "{\"event\":\"meeting.started\"", false },
        { "{\"event\":\"meeting.started\"} {}", false },
        { "{\"event\":\"meeting.started\",}", false },
        { "{\"event\":\"meeting.started\",\"x\":" + new string('[', 100) + new string(']', 100) + "}", false },
        { "[{\"event\":\"meeting.started\"}]", true },
        { "\"meeting.started\"", true },
        { "{}", true },
        { "{\"event\":7}", true },
        { "{\"event\":{\"name\":\"meeting.started\"}}", true },
        { "{\"event\":\"\"}", true },
        { "{\"event\":\"meeting.\\u0000started\"}", true },
        { "{\"event\":\"meeting started\"}", true },
        { "{\"event\":\"meeting.\\ud800\"}", true },
    };

    [Theory]
    [MemberData(nameof(NotEvents))]
    public void BodiesThatAreNoEvent_AreNotAZoomEvent(string json, bool isJson)
    {
        var parsed = Assert.IsType<NotAZoomEvent>(Parse(json));

        Assert.Equal(isJson, parsed.IsJson);
        Assert.Equal(isJson && json.StartsWith('{') ? "no readable 'event' name" : "not a JSON object", parsed.Reason);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { 0xC0, 0xAE })]
    [InlineData(new byte[] { 0xED, 0xA0, 0x80 })]
    public void EventName_ThatIsNotUtf8_IsNoName(byte[] raw)
    {
        var parsed = ZoomWebhookParser.Parse(Bytes("{\"event\":\"meeting.", raw, "\",\"payload\":{\"account_id\":\"acc\"}}"));

        Assert.Equal("no readable 'event' name", Assert.IsType<NotAZoomEvent>(parsed).Reason);
    }

    [Fact]
    public void AccountId_ThatIsNotUtf8_IsAbsent_AndTheEventIsStillRead()
    {
        var parsed = ZoomWebhookParser.Parse(Bytes("{\"event\":\"meeting.started\",\"event_ts\":1,\"payload\":{\"account_id\":\"a", [0xC0, 0x80], "\",\"object\":{\"id\":\"1\"}}}"));

        var started = Assert.IsType<ZoomMeetingStarted>(parsed);
        Assert.Equal((null, 1L), (started.AccountId, started.MeetingId!.Value));
    }

    [Theory]
    [InlineData("{\"plainToken\":\"\\udfff\"}")]
    [InlineData("{\"plainToken\":null}")]
    [InlineData("{}")]
    [InlineData("{\"plainToken\":[\"a\"]}")]
    public void UrlValidation_WithoutAReadablePlainToken_HasNone(string payload)
    {
        var parsed = Parse("{\"event\":\"endpoint.url_validation\",\"payload\":" + payload + "}");

        Assert.Null(Assert.IsType<ZoomUrlValidation>(parsed).PlainToken);
    }

    [Fact]
    public void AccountId_AsANumber_IsReadAsItsDigits()
    {
        Assert.Equal("7", Parse("{\"event\":\"meeting.started\",\"payload\":{\"account_id\":7}}").AccountId);
    }

    [Theory]
    [InlineData("\"\\ud800\"", "object.id unreadable")]
    [InlineData("true", "object.id unreadable")]
    [InlineData("{\"n\":1}", "object.id unreadable")]
    [InlineData("\"85746065432x\"", "object.id is not a meeting number")]
    [InlineData("-5", "object.id is not a meeting number")]
    [InlineData("1.5", "object.id is not a meeting number")]
    [InlineData("99999999999999999999", "object.id is not a meeting number")]
    public void MeetingId_ThatIsNotAMeetingNumber_IsANote(string id, string note)
    {
        var ended = Assert.IsType<ZoomMeetingEnded>(Parse("{\"event\":\"meeting.ended\",\"event_ts\":1,\"payload\":{\"object\":{\"id\":" + id + "}}}"));

        Assert.Null(ended.MeetingId);
        Assert.Equal([note], ended.Notes);
    }

    [Theory]
    [InlineData("\"soon\"")]
    [InlineData("\"\"")]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("253402300800000")]
    [InlineData("{}")]
    public void EventTs_ThatIsNoTime_IsANote(string eventTs)
    {
        var parsed = Parse("{\"event\":\"meeting.participant_joined\",\"event_ts\":" + eventTs + ",\"payload\":{\"object\":{\"id\":\"1\",\"participant\":{\"id\":\"u\"}}}}");

        Assert.Null(((ZoomMeetingEvent)parsed).At);
        Assert.Equal(["event_ts unreadable"], parsed.Notes);
    }

    [Theory]
    [InlineData("2026-03-01T10:00:05Z", 0)]
    [InlineData("2026-03-01T10:00:05.250Z", 250)]
    [InlineData("2026-03-01T11:00:05+01:00", 0)]
    [InlineData("2026-03-01T10:00:05", 0)]
    [InlineData("2026-03-01 10:00:05", 0)]
    [InlineData("2026-03-01T10:00:05\\u005A", 0)]
    public void JoinTime_InAnyIsoShape_IsReadAsUtc_AWithoutOffsetBeingUtc(string joinTime, int milliseconds)
    {
        var joined = Assert.IsType<ZoomParticipantJoined>(Parse("{\"event\":\"meeting.participant_joined\",\"payload\":{\"object\":{\"id\":\"1\",\"participant\":{\"join_time\":\"" + joinTime + "\"}}}}"));

        Assert.Equal(new DateTime(2026, 3, 1, 10, 0, 5, milliseconds, DateTimeKind.Utc), joined.At);
        Assert.Equal(DateTimeKind.Utc, joined.At!.Value.Kind);
        Assert.Empty(joined.Notes);
    }

    /// <summary>The notes keep one order (ids, participant times, meeting times, the reason) whatever the order of the body.</summary>
    [Fact]
    public void UnreadableParticipantFields_AreNotedByName_InAFixedOrder_AndTheRestIsUsed()
    {
        var parsed = Parse("""
            {"event":"meeting.participant_left","event_ts":1772359206000,"payload":{"object":{"id":"1","start_time":"yesterday",
              "participant":{"leave_reason":7,"join_time":"not a time","leave_time":"2026-03-01T10:30:00Z","registrant_id":{"a":1},"id":"\ud800",
                "participant_user_id":"puid","email":false,"participant_uuid":"uuid-1"}}}}
            """);

        var left = Assert.IsType<ZoomParticipantLeft>(parsed);
        Assert.Equal(["participant.id unreadable", "participant.email unreadable", "participant.registrant_id unreadable", "participant.join_time unreadable",
            "object.start_time unreadable"], left.Notes);
        Assert.Equal(("7", "puid", "uuid-1", new DateTime(2026, 3, 1, 10, 30, 0, DateTimeKind.Utc)), (left.Participant!.LeaveReason, left.Participant.ParticipantUserId, left.Participant.SessionKey, left.At!.Value));
    }

    [Fact]
    public void Participant_ThatIsNotAnObject_IsAbsent()
    {
        var joined = Assert.IsType<ZoomParticipantJoined>(Parse("{\"event\":\"meeting.participant_joined\",\"payload\":{\"object\":{\"id\":\"1\",\"participant\":[1,2]}}}"));

        Assert.Null(joined.Participant);
    }

    /// <summary>As with JsonDocument before: a property sent twice counts once, the last time, nested objects whole.</summary>
    [Fact]
    public void PropertySentTwice_TheLastOneCounts_Whole()
    {
        var joined = Assert.IsType<ZoomParticipantJoined>(Parse("""
            {"event":"meeting.started","payload":{"object":{"id":"1","participant":{"id":"first","email":"a@example.com"}},"object":{"id":"2","participant":{"id":"second"}}},"event":"meeting.participant_joined"}
            """));

        Assert.Equal((2L, "second", (string?)null), (joined.MeetingId!.Value, joined.Participant!.Id, joined.Participant.Email));
    }

    [Fact]
    public void HugeUnknownValues_AreSkipped()
    {
        var big = new string('x', 200_000);
        var started = Assert.IsType<ZoomMeetingStarted>(Parse("{\"event\":\"meeting.started\",\"blob\":\"" + big + "\",\"payload\":{\"object\":{\"id\":\"5\",\"topic\":\"" + big + "\"}}}"));

        Assert.Equal(5L, started.MeetingId);
    }
}
