using EpicZoom.Sandbox.Sms.Replies;

namespace EpicZoom.Sandbox.Sms.Messages;

/// <summary>A send as posted: the form fields, empty when missing.</summary>
internal sealed record SendRequest(string To, string From, string Body, string? StatusCallback);

/// <summary>Why a send was answered 400: Twilio's error code and message.</summary>
internal sealed record SendRefusal(int Code, string Message);

/// <summary>
/// Twilio's checks on a send, in the order it reports them, including its magic test numbers
/// (https://www.twilio.com/docs/iam/test-credentials) and the recipient's STOP.
/// </summary>
internal static class SendRules
{
    public const int MaxBodyCharacters = 1600;

    public const string InvalidNumber = "+15005550001";
    public const string UnroutableNumber = "+15005550002";
    public const string UnsubscribedNumber = "+15005550004";
    public const string NotMobileNumber = "+15005550009";

    /// <summary>Accepted (201 queued), then reported undelivered with error 30003.</summary>
    public const string UndeliverableNumber = "+15005550006";

    public const int UnsubscribedCode = 21610;

    public static SendRefusal? Check(SendRequest request, SandboxSmsAccount account, OptOutStore optOuts)
    {
        var (to, from, body) = (request.To, request.From, request.Body);
        return request switch
        {
            { To.Length: 0 } => new(21604, "A 'To' phone number is required."),
            { From.Length: 0 } => new(21603, "A 'From' phone number is required."),
            { Body.Length: 0 } => new(21602, "Message body is required."),
            _ when !PhoneNumbers.IsE164(to) || to == InvalidNumber => new(21211, $"The 'To' number {to} is not a valid phone number."),
            _ when from != account.FromNumber => new(
                21606, $"The From phone number {from} is not a valid, SMS-capable inbound phone number or short code for your account."),
            _ when body.EnumerateRunes().Count() > MaxBodyCharacters => new(
                21617, $"The concatenated message body exceeds the {MaxBodyCharacters} character limit."),
            _ when request.StatusCallback is { } url && !IsCallbackUrl(url) => new(21609, $"The StatusCallback URL {url} is not a valid URL."),
            _ when to == UnroutableNumber => new(
                21612, $"The 'To' phone number: {to}, is not currently reachable using the 'From' phone number: {from} via SMS."),
            _ when to == NotMobileNumber => new(21614, $"'To' number {to} is not a valid mobile number."),
            _ when to == UnsubscribedNumber || optOuts.IsOptedOut(to, from) => new(UnsubscribedCode, "Attempt to send to unsubscribed recipient"),
            _ => null,
        };
    }

    private static bool IsCallbackUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
