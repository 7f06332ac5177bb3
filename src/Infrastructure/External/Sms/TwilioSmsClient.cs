using System.Text;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Domain.Common;
using EpicZoom.Infrastructure.External.Http;
using Refit;

namespace EpicZoom.Infrastructure.External.Sms;

/// <summary>
/// <see cref="ISmsGateway"/> over the Refit <see cref="ITwilioApi"/>: POST Messages.json (form To, From, Body,
/// StatusCallback). One attempt: a POST that timed out may still have been sent, and a patient texted twice is worse
/// than a clinician pressing Resend. Failures come back as results with a <see cref="SmsFailure"/>, never as exceptions.
/// </summary>
internal sealed class TwilioSmsClient(ITwilioApi api) : ISmsGateway
{
    private const int MessageLength = 200;

    public async Task<SmsSendResult> SendAsync(SmsConnection connection, string toE164, string body, string? statusCallbackUrl, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string> { ["To"] = toE164, ["From"] = connection.FromNumber, ["Body"] = body };
        if (statusCallbackUrl is not null) fields["StatusCallback"] = statusCallbackUrl;
        try
        {
            using var response = (await api.CreateMessageAsync(
                    new ExternalCall(connection.ApiBaseUrl, "sms.send"), connection.AccountSid, Basic(connection), fields, cancellationToken))
                .ThrowIfNotReceived(cancellationToken);
            var status = (int)response.Status();
            if (response.IsSuccessStatusCode && response.Error is null && response.Content?.Sid is { Length: > 0 } sid)
                return new SmsSendResult(status, sid, response.Content.Status, null, "accepted");

            var error = response.IsSuccessStatusCode ? response.Content : TwilioErrors.Parse(response.ErrorBody());
            return new SmsSendResult(status, null, null, error?.Code, Clip(error?.Message ?? $"The SMS provider answered HTTP {status}."),
                response.IsSuccessStatusCode ? SmsFailure.Unavailable : TwilioErrors.FailureOf(response.Status(), error?.Code));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return new SmsSendResult(0, null, null, null, Clip(Unreached(ex)), SmsFailure.Unavailable);
        }
    }

    public async Task<SmsAccountCheck> CheckAccountAsync(SmsConnection connection, CancellationToken cancellationToken)
    {
        try
        {
            using var response = (await api.GetAccountAsync(new ExternalCall(connection.ApiBaseUrl, "sms.account"), connection.AccountSid, Basic(connection), cancellationToken))
                .ThrowIfNotReceived(cancellationToken);
            var status = (int)response.Status();
            if (response.IsSuccessStatusCode)
                return new SmsAccountCheck(status, $"account {(response.Error is null ? response.Content?.Status : null) ?? "found"}");

            var error = TwilioErrors.Parse(response.ErrorBody());
            return new SmsAccountCheck(status, Clip($"HTTP {status}{(error?.Code is { } code ? $" code {code}" : "")}: {error?.Message ?? "no explanation"}"));
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            return new SmsAccountCheck(0, Unreached(ex));
        }
    }

    private static string Unreached(Exception ex) =>
        ex is TimeoutException ? "the SMS provider did not answer in time" : "the SMS provider could not be reached";

    private static string Basic(SmsConnection connection) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{connection.AccountSid}:{connection.AuthToken}"));

    private static string Clip(string text) => SafeText.Clip(text, MessageLength);
}
