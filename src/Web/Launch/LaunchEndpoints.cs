using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.DeviceTests.SubmitDeviceTestResult;
using EpicZoom.Application.Launch.BeginLaunch;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Launch.CompleteLaunch;
using EpicZoom.Application.Visits.GetVisitPage;
using EpicZoom.Application.Visits.GetWaitingStatus;
using EpicZoom.Domain.Launch;
using EpicZoom.Web.Common;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EpicZoom.Web.Launch;

/// <summary>
/// What Epic, clinicians and patients reach without signing in: the five FDI launch URLs, the OAuth callback, and the
/// visit pages. Every failure is a friendly page with an EZ-L code (docs/launch-errors.md), never a stack trace: the
/// endpoints only say how (<see cref="ErrorPresentation"/>), AppExceptionHandler answers.
/// </summary>
internal static class LaunchEndpoints
{
    public static IEndpointRouteBuilder MapLaunchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var epic = endpoints.MapGroup("/epicfhir").AllowAnonymous().DisableAntiforgery().WithErrorPage();
        epic.MapGet("/callback", Callback);
        epic.MapGet("/{launchType}", Begin);

        var visit = endpoints.MapGroup("/visit").AllowAnonymous().DisableAntiforgery();
        visit.MapGet("/wait", Waiting).WithErrorPage();
        visit.MapGet("/wait/status", WaitingStatus).WithJsonErrors();
        visit.MapGet("/device-test", DeviceTest).WithErrorPage();
        visit.MapPost("/device-test/result", DeviceTestResult).WithJsonErrors();
        return endpoints;
    }

    private static async Task<IResult> Begin(string launchType, HttpRequest request, IMediator mediator, CancellationToken ct)
    {
        var query = request.Query;
        var context = LaunchContext.Keys.Where(k => query.ContainsKey(k)).ToDictionary(k => k, k => query[k].ToString());
        var result = await mediator.Send(new BeginLaunchCommand(query["org_id"], launchType, query["iss"], query["launch"], context), ct);
        return Results.Redirect(result.AuthorizeUrl);
    }

    private static async Task<IResult> Callback(
        string? state, string? code, string? error, string? error_description, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var outcome = await mediator.Send(new CompleteLaunchCommand(state, code, error, error_description), ct);
        http.AllowFraming(outcome.FrameAncestors);
        var guestPanel = outcome is GoToMeeting { ShowLinkInstead: true, InviteGuestsPass: { } guestsPass }
            ? await mediator.Send(new EpicZoom.Application.Guests.GetGuestPanel.GetGuestPanelQuery(guestsPass), ct)
            : null;
        return outcome switch
        {
            GoToMeeting { ShowLinkInstead: true } go => Page<MeetingLinkPage>(new
            {
                go.Url, go.AsHost, TextPatientPass = go.TextPatient?.PassToken, PatientMobile = go.TextPatient?.PatientMobile,
                InviteGuestsPass = go.InviteGuestsPass, GuestPanel = guestPanel,
            }),
            GoToMeeting go => Results.Redirect(go.Url),
            WaitForHost wait => Results.Redirect($"/visit/wait?pass={Uri.EscapeDataString(wait.PassToken)}"),
            ZoomRoomCalled room => Page<ZoomRoomPage>(new { room.RoomDisplay, room.RoomStatus, room.MeetingId }),
            OpenDeviceTest test => Results.Redirect($"/visit/device-test?pass={Uri.EscapeDataString(test.PassToken)}"),
            _ => throw new AppException(LaunchErrors.InvalidRequest, "unknown outcome"),
        };
    }

    private static async Task<IResult> Waiting(string? pass, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var page = await mediator.Send(new GetVisitPageQuery(pass ?? "", Application.Common.Interfaces.VisitPass.WaitingRoom), ct);
        http.AllowFraming(page.FrameAncestors);
        return Page<WaitingPage>(new { StatusUrl = $"/visit/wait/status?pass={Uri.EscapeDataString(pass!)}", page.DeviceTestUrl, page.HelpUrl, page.GuestName, page.GuestRole });
    }

    /// <summary>
    /// JSON for the waiting page's script: {hostIsIn, joinUrl}; {code, message} with 410 when the link is no good.
    /// <c>wait=N</c> (seconds, at most 25) makes it a long-poll that answers when the host joins or after N seconds.
    /// </summary>
    private static async Task<IResult> WaitingStatus(string? pass, string? wait, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var seconds = int.TryParse(wait, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
        var status = await mediator.Send(new GetWaitingStatusQuery(pass ?? "", TimeSpan.FromSeconds(Math.Min(seconds, 25))), ct);
        http.Response.Headers.CacheControl = "no-store";
        return Results.Json(new { hostIsIn = status.HostIsIn, joinUrl = status.JoinUrl });
    }

    private static async Task<IResult> DeviceTest(string? pass, HttpContext http, IMediator mediator, CancellationToken ct)
    {
        var page = await mediator.Send(new GetVisitPageQuery(pass ?? "", Application.Common.Interfaces.VisitPass.DeviceTest), ct);
        http.AllowFraming(page.FrameAncestors);
        return Page<DeviceTestPage>(new
        {
            ResultUrl = $"/visit/device-test/result?pass={Uri.EscapeDataString(pass!)}",
            EndpointUrl = page.DeviceTestUrl,
            page.HelpUrl,
        });
    }

    private static async Task<IResult> DeviceTestResult(string? pass, [FromBody] DeviceTestResultBody? body, IMediator mediator, CancellationToken ct)
    {
        if (body is null) throw new AppException(LaunchErrors.InvalidRequest, "send {camera, microphone, speaker}");
        var passed = await mediator.Send(new SubmitDeviceTestResultCommand(pass ?? "", body.Camera, body.Microphone, body.Speaker), ct);
        return Results.Json(new { passed });
    }

    private sealed record DeviceTestResultBody(bool Camera, bool Microphone, bool Speaker);

    private static IResult Page<TPage>(object parameters) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TPage>(parameters);
}
