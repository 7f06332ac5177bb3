using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Sms.Inbox;
using EpicZoom.Sandbox.Sms.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Sms;

/// <summary>
/// Everything under /sandbox/sms: the Twilio-style REST API below /2010-04-01 (so a client's
/// base URL is /sandbox/sms, as it would be https://api.twilio.com), the inbox page and the "_test" API.
/// </summary>
internal static class SmsEndpoints
{
    public const string FaultName = "sms";

    public static void MapSmsSimulator(this RouteGroupBuilder root)
    {
        var sms = root.MapGroup("/sms");

        var simulated = sms.MapGroup("").WithFaults(Simulator.Sms, SmsErrors.Fault);
        var account = simulated.MapGroup($"/{SmsMessageResource.ApiVersionPath}/Accounts/{{{SmsCaller.AccountSidRouteValue}}}").WithFaultName(FaultName);
        account.AddEndpointFilter(SmsCaller.RequireAccount);
        account.MapSmsMessages();
        simulated.MapGet($"/{SmsMessageResource.ApiVersionPath}/Accounts/{{{SmsCaller.AccountSidRouteValue}}}.json",
                (HttpContext http) => Results.Json(SmsAccountResource.Of(SmsCaller.From(http).Account), SmsJsonContext.Default.SmsAccountResource))
            .WithFaultName(FaultName)
            .AddEndpointFilter(SmsCaller.RequireAccount);
        simulated.MapSmsInbox();

        sms.MapGroup("/_test").MapSmsTestEndpoints();
    }
}
