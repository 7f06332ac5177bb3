using EpicZoom.Sandbox.Common;
using Microsoft.Extensions.Options;

namespace EpicZoom.Sandbox.Email;

/// <summary>One message the sandbox SMTP server accepted: envelope, headers that matter to a reader, and both bodies.</summary>
internal sealed record SandboxEmail(
    string Id,
    DateTimeOffset ReceivedAt,
    string EnvelopeFrom,
    IReadOnlyList<string> EnvelopeTo,
    string From,
    string Subject,
    string? Text,
    string? Html,
    int SizeBytes,
    string? AuthenticatedAs);

/// <summary>What the server refused at RCPT TO or AUTH, so a test (and the inbox) can see why nothing arrived.</summary>
internal sealed record SandboxEmailRefusal(DateTimeOffset Time, string Stage, string Address, int ReplyCode, string Reason);

/// <summary>The sandbox inbox: every accepted message and every refusal, newest last, bounded by Sandbox:MaxStoredItems.</summary>
internal sealed class EmailStore(IOptions<SandboxOptions> options) : ISandboxState
{
    private readonly BoundedLog<SandboxEmail> messages = new(options.Value.MaxStoredItems);
    private readonly BoundedLog<SandboxEmailRefusal> refusals = new(options.Value.MaxStoredItems);

    public Simulator Simulator => Simulator.Email;

    public void Add(SandboxEmail message) => messages.Add(message);

    public void Refused(SandboxEmailRefusal refusal) => refusals.Add(refusal);

    /// <summary>Newest first, optionally only those delivered to one address (case-insensitive, as mailboxes are matched).</summary>
    public IReadOnlyList<SandboxEmail> Recent(string? to = null) =>
        messages.Snapshot().Reverse().Where(m => to is null || m.EnvelopeTo.Contains(to, StringComparer.OrdinalIgnoreCase)).ToList();

    public SandboxEmail? Find(string id) => messages.Snapshot().LastOrDefault(m => m.Id == id);

    public IReadOnlyList<SandboxEmailRefusal> RecentRefusals() => refusals.Snapshot().Reverse().ToList();

    public void Reset()
    {
        messages.Clear();
        refusals.Clear();
    }
}
