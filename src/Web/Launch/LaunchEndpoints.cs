using EpicZoom.Application.DeviceTests.SubmitDeviceTestResult;
using EpicZoom.Application.Launch.BeginLaunch;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Application.Launch.CompleteLaunch;
using EpicZoom.Application.Visits.GetVisitPage;
using EpicZoom.Application.Visits.GetWaitingStatus;
using EpicZoom.Domain.Launch;
using MediatR;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace EpicZoom.Web.Launch;

/// <summary>
/// What Epic, clinicians and patients reach without signing in: the five FDI launch URLs, the OAuth callback, and the
/// visit pages. Every failure is a friendly page with an EZ-L code (docs/launch-errors.md), never a stack trace.
/// </summary>
internal static class LaunchEndpoints
{
    public static IEndpointRouteBuilder MapLaunchEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var epic = endpoints.MapGroup("/epicfhir").AllowAnonymous().DisableAntiforgery();
        epic.MapGet("/callback", Callback);
        epic.MapGet("/{launchType}", Begin);

        var visit = endpoints.MapGroup("/visit").AllowAnonymous().DisableAntiforgery();
        visit.MapGet("/wait", Waiting);
        visit.MapGet("/wait/status", WaitingStatus);
        visit.MapGet("/device-test", DeviceTest);
        visit.MapPost("/device-test/result", DeviceTestResult);
        return endpoints;
    }

    private static Task<IResult> Begin(string launchType, HttpRequest request, IMediator mediator, CancellationToken ct) => Guard(async () =>
    {
        var query = request.Query;
        var context = LaunchContext.Keys.Where(k => query.ContainsKey(k)).ToDictionary(k => k, k => query[k].ToString());
        var result = await mediator.Send(new BeginLaunchCommand(query["org_id"], launchType, query["iss"], query["launch"], context), ct);
        return Results.Redirect(result.AuthorizeUrl);
    });

    private static Task<IResult> Callback(string? state, string? code, string? error, string? error_description, IMediator mediator, CancellationToken ct) => Guard(async () =>
    {
        var outcome = await mediator.Send(new CompleteLaunchCommand(state, code, error, error_description), ct);
        return outcome switch
        {
            GoToMeeting { ShowLinkInstead: true } go => Page<MeetingLinkPage>(new
            {
                go.Url, go.AsHost, TextPatientPass = go.TextPatient?.PassToken, PatientMobile = go.TextPatient?.PatientMobile,
            }),
            GoToMeeting go => Results.Redirect(go.Url),
            WaitForHost wait => Results.Redirect($"/visit/wait?pass={Uri.EscapeDataString(wait.PassToken)}"),
            ZoomRoomCalled room => Page<ZoomRoomPage>(new { room.RoomDisplay, room.RoomStatus, room.MeetingId }),
            OpenDeviceTest test => Results.Redirect($"/visit/device-test?pass={Uri.EscapeDataString(test.PassToken)}"),
            _ => ErrorPage(LaunchError.InvalidRequest, "unknown outcome"),
        };
    });

    private static Task<IResult> Waiting(string? pass, IMediator mediator, CancellationToken ct) => Guard(async () =>
    {
        var page = await mediator.Send(new GetVisitPageQuery(pass ?? "", Application.Common.Interfaces.VisitPass.WaitingRoom), ct);
        return Page<WaitingPage>(new { StatusUrl = $"/visit/wait/status?pass={Uri.EscapeDataString(pass!)}", page.DeviceTestUrl, page.HelpUrl });
    });

    /// <summary>JSON for the waiting page's script: {hostIsIn, joinUrl}; 410 with a code when the link is no good.</summary>
    private static async Task<IResult> WaitingStatus(string? pass, IMediator mediator, CancellationToken ct)
    {
        try
        {
            var status = await mediator.Send(new GetWaitingStatusQuery(pass ?? ""), ct);
            return Results.Json(new { hostIsIn = status.HostIsIn, joinUrl = status.JoinUrl }, statusCode: StatusCodes.Status200OK);
        }
        catch (LaunchException ex)
        {
            return Results.Json(new { code = ex.Error.Code(), message = ex.Error.Message() },
                statusCode: ex.Error == LaunchError.LinkInvalidOrExpired ? StatusCodes.Status410Gone : StatusCodes.Status502BadGateway);
        }
    }

    private static Task<IResult> DeviceTest(string? pass, IMediator mediator, CancellationToken ct) => Guard(async () =>
    {
        var page = await mediator.Send(new GetVisitPageQuery(pass ?? "", Application.Common.Interfaces.VisitPass.DeviceTest), ct);
        return Page<DeviceTestPage>(new
        {
            ResultUrl = $"/visit/device-test/result?pass={Uri.EscapeDataString(pass!)}",
            EndpointUrl = page.DeviceTestUrl,
            page.HelpUrl,
        });
    });

    private static async Task<IResult> DeviceTestResult(string? pass, [FromBody] DeviceTestResultBody? body, IMediator mediator, CancellationToken ct)
    {
        if (body is null) return Results.Json(new { code = LaunchError.InvalidRequest.Code(), message = "Send {camera, microphone, speaker}." }, statusCode: 400);
        try
        {
            var passed = await mediator.Send(new SubmitDeviceTestResultCommand(pass ?? "", body.Camera, body.Microphone, body.Speaker), ct);
            return Results.Json(new { passed });
        }
        catch (LaunchException ex)
        {
            return Results.Json(new { code = ex.Error.Code(), message = ex.Error.Message() }, statusCode: StatusCodes.Status410Gone);
        }
    }

    private sealed record DeviceTestResultBody(bool Camera, bool Microphone, bool Speaker);

    internal static async Task<IResult> Guard(Func<Task<IResult>> body)
    {
        try
        {
            return await body();
        }
        catch (LaunchException ex)
        {
            return ErrorPage(ex.Error, ex.Detail);
        }
    }

    internal static IResult ErrorPage(LaunchError error, string? detail) =>
        new RazorComponentResult<LaunchErrorPage>(new { Code = error.Code(), Message = error.Message(), Detail = detail })
        {
            StatusCode = StatusFor(error),
        };

    private static int StatusFor(LaunchError error) => error switch
    {
        LaunchError.EpicUnavailable or LaunchError.ZoomRequestFailed or LaunchError.ZoomAuthenticationFailed or LaunchError.EpicTokenRefused => StatusCodes.Status502BadGateway,
        LaunchError.MeetingNotReady => StatusCodes.Status503ServiceUnavailable,
        LaunchError.UnknownOrganisation or LaunchError.ZoomRoomNotFound => StatusCodes.Status404NotFound,
        LaunchError.IssuerMismatch or LaunchError.EpicAuthorizationRefused => StatusCodes.Status403Forbidden,
        LaunchError.LinkInvalidOrExpired or LaunchError.VisitEnded or LaunchError.SessionAlreadyUsed or LaunchError.SessionExpiredOrUnknown => StatusCodes.Status410Gone,
        LaunchError.TenantNotConfigured => StatusCodes.Status500InternalServerError,
        _ => StatusCodes.Status400BadRequest,
    };

    private static IResult Page<TPage>(object parameters) where TPage : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<TPage>(parameters);
}
