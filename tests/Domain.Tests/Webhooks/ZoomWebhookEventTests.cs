using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Webhooks;

namespace EpicZoom.Domain.Tests.Webhooks;

/// <summary>The give-up rule lives in the entity: retries with backoff, then needs attention, then an admin's Process again.</summary>
public sealed class ZoomWebhookEventTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc);

    private static ZoomWebhookEvent Stored() => ZoomWebhookEvent.Receive(new TenantId(Guid.NewGuid()), "meeting.started", "hash", "body", Now);

    [Fact]
    public void Failures_AreRetriedWithBackoff_ThenTheEventNeedsAttention()
    {
        var stored = Stored();
        for (var i = 1; i < ZoomWebhookEvent.MaxProcessingAttempts; i++)
        {
            stored.RecordFailure("boom", Now);
            Assert.False(stored.NeedsAttention);
            Assert.Equal(Now + ZoomWebhookEvent.RetryDelay(i), stored.NextAttemptAtUtc);
        }

        stored.RecordFailure("the last reason", Now);

        Assert.Equal((true, Now, "the last reason", (DateTime?)null), (stored.NeedsAttention, stored.NeedsAttentionSinceUtc!.Value, stored.ProcessingNote, stored.NextAttemptAtUtc));
        Assert.Throws<DomainRuleViolationException>(() => stored.RecordFailure("again", Now));
    }

    [Fact]
    public void ProcessAgain_OnlyForAnEventThatNeedsAttention_StartsANewRound()
    {
        var stored = Stored();
        Assert.Throws<DomainRuleViolationException>(() => stored.ProcessAgain(Now));
        for (var i = 0; i < ZoomWebhookEvent.MaxProcessingAttempts; i++) stored.RecordFailure("boom", Now);

        stored.ProcessAgain(Now.AddHours(1));

        Assert.Equal((false, 0, Now.AddHours(1)), (stored.NeedsAttention, stored.ProcessingAttempts, stored.NextAttemptAtUtc!.Value));
        stored.MarkProcessed(Now.AddHours(1));
        Assert.Throws<DomainRuleViolationException>(() => stored.MarkProcessed(Now.AddHours(1)));
    }

    [Fact]
    public void ANoteCutToItsLength_NeverKeepsHalfASurrogatePair()
    {
        var stored = Stored();

        stored.MarkProcessed(Now, new string('a', ZoomWebhookEvent.MaxNoteLength - 1) + "😀😀");

        Assert.False(char.IsHighSurrogate(stored.ProcessingNote![^1]));
    }
}
