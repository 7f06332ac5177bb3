namespace EpicZoom.Application.Common.Interfaces.External;

/// <summary>A tenant's SMS provider account (Twilio-style REST API); the auth token is decrypted for this call only.</summary>
public sealed record SmsConnection(string ApiBaseUrl, string AccountSid, string AuthToken, string FromNumber)
{
    public override string ToString() => $"SmsConnection {{ AccountSid = {AccountSid} }}";
}

/// <summary>Why the provider did not take a text, as EpicZoom acts on it; Infrastructure reads it from the provider's status and code.</summary>
public enum SmsFailure
{
    /// <summary>The provider took the text.</summary>
    None,

    /// <summary>The recipient replied STOP to this sender: EpicZoom records the opt-out.</summary>
    OptedOut,

    /// <summary>The provider refused this number or text (not a mobile, not reachable by SMS, invalid).</summary>
    RecipientRefused,

    /// <summary>The provider refused the organisation's account credentials.</summary>
    CredentialsRefused,

    /// <summary>The provider is rate limiting: try again in a minute.</summary>
    Busy,

    /// <summary>The provider could not be reached, did not answer in time or failed itself.</summary>
    Unavailable,
}

/// <summary>
/// What the provider answered: HTTP status (0 when it could not be reached), its message id and status when it took the
/// message, else <see cref="Failure"/> with its error code and message (never the recipient's number or the text).
/// <see cref="HttpStatus"/> and <see cref="ErrorCode"/> are kept for the record and the clinician's panel.
/// </summary>
public sealed record SmsSendResult(int HttpStatus, string? MessageId, string? Status, int? ErrorCode, string Message, SmsFailure Failure = SmsFailure.None)
{
    public bool Accepted => HttpStatus is >= 200 and < 300 && !string.IsNullOrEmpty(MessageId);
}

/// <summary>Whether the provider accepted the account's credentials: HTTP status (0 unreachable) and the account's status or the error.</summary>
public sealed record SmsAccountCheck(int HttpStatus, string Message)
{
    public bool Accepted => HttpStatus is >= 200 and < 300;
}

public interface ISmsGateway
{
    /// <summary>Reads the account (Twilio: GET /2010-04-01/Accounts/{sid}.json): the troubleshooting check that the credentials work.</summary>
    Task<SmsAccountCheck> CheckAccountAsync(SmsConnection connection, CancellationToken cancellationToken);

    /// <summary>One attempt, never retried (a repeated POST could text the patient twice); failures come back as results, not exceptions.</summary>
    Task<SmsSendResult> SendAsync(SmsConnection connection, string toE164, string body, string? statusCallbackUrl, CancellationToken cancellationToken);
}
