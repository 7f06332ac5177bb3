using EpicZoom.Sandbox.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Sandbox.Sms;

/// <summary>The account whose sid and auth token authorised this API request; the path's account must be it.</summary>
internal sealed record SmsCaller(SandboxSmsAccount Account)
{
    public const string AccountSidRouteValue = "accountSid";

    /// <summary>Set by <see cref="RequireAccount"/>, which runs before every /2010-04-01 handler.</summary>
    public static SmsCaller From(HttpContext http) => (SmsCaller)http.Items[typeof(SmsCaller)]!;

    /// <summary>
    /// HTTP Basic with AccountSid:AuthToken. A wrong token, an unknown sid and another account's
    /// path all get Twilio's 401 20003, so the answer never tells which accounts exist.
    /// </summary>
    public static async ValueTask<object?> RequireAccount(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var accounts = http.RequestServices.GetRequiredService<SmsAccountRegistry>();
        if (!AuthorizationHeader.TryGetBasic(http.Request.Headers.Authorization, out var accountSid, out var authToken)
            || accounts.Find(accountSid, SandboxUrls.From(http)) is not { } account
            || !AuthorizationHeader.SecretEquals(account.AuthToken, authToken)
            || !string.Equals(http.GetRouteValue(AccountSidRouteValue) as string, accountSid, StringComparison.Ordinal))
        {
            return SmsErrors.Authenticate(http);
        }

        http.Items[typeof(SmsCaller)] = new SmsCaller(account);
        return await next(context);
    }
}
