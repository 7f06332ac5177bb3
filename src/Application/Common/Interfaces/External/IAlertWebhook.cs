namespace EpicZoom.Application.Common.Interfaces.External;

/// <summary>Posts <c>{"text": …}</c> to an incoming webhook (Teams, Slack and most chat tools accept that shape).</summary>
public interface IAlertWebhook
{
    /// <summary>Never throws for a transport failure: the answer says what happened (StatusCode 0 when none came).</summary>
    Task<AlertDelivery> SendAsync(string url, string text, CancellationToken cancellationToken);
}

/// <param name="StatusCode">The receiver's HTTP status, 0 when it could not be reached.</param>
/// <param name="Problem">Why it failed, for the admin ("timed out", "connection refused"); null when delivered.</param>
public sealed record AlertDelivery(int StatusCode, string? Problem)
{
    public bool Delivered => StatusCode is >= 200 and < 300;
}
