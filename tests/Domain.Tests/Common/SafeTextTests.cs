using EpicZoom.Domain.Audit;
using EpicZoom.Domain.Common;
using EpicZoom.Domain.Sms;

namespace EpicZoom.Domain.Tests.Common;

public class SafeTextTests
{
    private const string Hospital = "\U0001F3E5"; // 🏥, two UTF-16 units

    [Fact]
    public void Clip_WhenTheCutFallsInsideASurrogatePair_DropsTheWholePair()
    {
        var clipped = SafeText.Clip("ab" + Hospital + "cd", 3);

        Assert.Equal("ab", clipped);
    }

    [Fact]
    public void Clip_WhenTheCutFallsAfterAPair_KeepsIt()
    {
        Assert.Equal("ab" + Hospital, SafeText.Clip("ab" + Hospital + "cd", 4));
    }

    [Fact]
    public void Clip_WhenTheTextFits_ReturnsItUnchanged()
    {
        Assert.Equal("abc", SafeText.Clip("abc", 3));
    }

    [Fact]
    public void ClipStart_WhenTheCutFallsInsideASurrogatePair_DropsTheWholePair()
    {
        Assert.Equal("cd", SafeText.ClipStart("ab" + Hospital + "cd", 3));
    }

    // Code points, not strings: xUnit passes theory strings through UTF-8, which would turn a lone surrogate into U+FFFD.
    [Theory]
    [InlineData(0x0)]
    [InlineData(0xD)]
    [InlineData(0xA)]
    [InlineData(0x9)]
    [InlineData(0x1B)]
    [InlineData(0x7F)]
    [InlineData(0x85)]
    [InlineData(0x202A)]
    [InlineData(0x202E)]
    [InlineData(0x2066)]
    [InlineData(0x2069)]
    [InlineData(0x200E)]
    [InlineData(0x200F)]
    [InlineData(0x61C)]
    [InlineData(0x2028)]
    [InlineData(0x2029)]
    [InlineData(0xD83C)]
    [InlineData(0xDFE5)]
    public void FindUnsafeCharacter_ForEachHidingCharacter_SaysWhichOne(int c)
    {
        var problem = SafeText.FindUnsafeCharacter("abc" + (char)c + "def");

        Assert.NotNull(problem);
        Assert.Contains($"U+{c:X4}", problem);
    }

    [Theory]
    [InlineData("Clínica São José")]
    [InlineData("東京病院")]
    [InlineData("مستشفى")]
    [InlineData("Zoom " + Hospital + " visits")]
    [InlineData("")]
    public void FindUnsafeCharacter_ForOrdinaryTextInAnyScript_IsNull(string text)
    {
        Assert.Null(SafeText.FindUnsafeCharacter(text));
    }

    [Fact]
    public void FindUnsafeCharacter_WithLineBreaksAllowed_AcceptsCrLfAndTabButNotOtherControls()
    {
        Assert.Null(SafeText.FindUnsafeCharacter("line one\r\n\tline two", allowLineBreaks: true));
        Assert.NotNull(SafeText.FindUnsafeCharacter("line one\0", allowLineBreaks: true));
        Assert.NotNull(SafeText.FindUnsafeCharacter("line one\u2028two", allowLineBreaks: true));
    }

    [Fact]
    public void AuditEntry_WhoseSummaryIsCutInsideAnEmoji_KeepsNoHalfOfIt()
    {
        var summary = new string('x', AuditEntry.MaxSummaryLength - 1) + Hospital;

        var entry = AuditEntry.Record(DateTime.UnixEpoch, "a", "x", "T", "1", summary);

        Assert.Equal(new string('x', AuditEntry.MaxSummaryLength - 1), entry.Summary);
    }

    [Fact]
    public void SmsMessageDetail_CutInsideAnEmoji_KeepsNoHalfOfIt()
    {
        PhoneNumber.TryParse("+15550100123", out var number, out _);
        var message = SmsMessage.Start(new Domain.Tenants.TenantId(Guid.NewGuid()), new Domain.Visits.VisitId(Guid.NewGuid()), "l", number!, "h", "p", "dr", DateTime.UnixEpoch);

        message.Failed(400, 1, new string('x', SmsMessage.MaxDetailLength - 1) + Hospital, DateTime.UnixEpoch);

        Assert.False(char.IsHighSurrogate(message.Detail![^1]), "the detail ends with half a character");
    }
}
