using System.Globalization;
using System.Net.Mail;
using EpicZoom.Sandbox.Common;
using EpicZoom.Sandbox.Faults;
using EpicZoom.Sandbox.Zoom.Meetings;
using EpicZoom.Sandbox.Zoom.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EpicZoom.Sandbox.Zoom.Users;

internal sealed record CreateUserInfo(string? Email, int? Type, string? FirstName, string? LastName);

internal sealed record CreateUserRequest(string? Action, CreateUserInfo? UserInfo);

internal sealed record CreatedUserResponse(string Id, string FirstName, string LastName, string Email, int Type);

internal sealed record UserResponse(
    string Id,
    string FirstName,
    string LastName,
    string DisplayName,
    string Email,
    int Type,
    long Pmi,
    string Timezone,
    int Verified,
    string CreatedAt,
    string Status,
    string RoleId,
    string AccountId,
    string Language);

internal sealed record ZakResponse(string Token);

/// <summary>POST/GET/DELETE /users and the ZAK read.</summary>
internal static class UserEndpoints
{
    private static readonly string[] Actions = ["create", "autoCreate", "custCreate", "ssoCreate"];
    private static readonly int[] UserTypes = [1, 2, 4, 99];

    public static void MapZoomUsers(this IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithFaultName("users");
        users.MapPost("", CreateAsync);
        users.MapGet("/{userId}", (string userId, HttpContext http, ZoomUserStore store) =>
            store.Find(ZoomCaller.From(http).AccountId, userId) is { } user
                ? Results.Json(View(user), ZoomJsonContext.Default.UserResponse)
                : ZoomErrors.UserNotFound(userId));
        users.MapDelete("/{userId}", Delete);
        users.MapGet("/{userId}/token", (string userId, string? type, HttpContext http, ZoomUserStore store, ZakStore zaks) =>
            store.Find(ZoomCaller.From(http).AccountId, userId) is not { } user ? ZoomErrors.UserNotFound(userId)
            : type is null or "token" or "zak" ? Results.Json(new ZakResponse(zaks.Issue(user)), ZoomJsonContext.Default.ZakResponse)
            : ZoomErrors.Validation("type"));
    }

    private static async Task<IResult> CreateAsync(HttpContext http, ZoomUserStore store, TimeProvider time)
    {
        if (await JsonBody.ReadAsync(http.Request, ZoomJsonContext.Default.CreateUserRequest) is not { } request)
        {
            return ZoomErrors.InvalidJson();
        }

        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        var info = request.UserInfo!;
        var user = new ZoomUser(
            RandomIds.ZoomId(),
            ZoomCaller.From(http).AccountId,
            info.Email!,
            info.FirstName ?? "",
            info.LastName ?? "",
            info.Type!.Value,
            request.Action!,
            long.Parse(RandomIds.Digits(10), CultureInfo.InvariantCulture),
            time.GetUtcNow());
        return store.TryAdd(user)
            ? Results.Json(new CreatedUserResponse(user.Id, user.FirstName, user.LastName, user.Email, user.Type), ZoomJsonContext.Default.CreatedUserResponse, statusCode: StatusCodes.Status201Created)
            : ZoomErrors.Error(StatusCodes.Status409Conflict, 1005, $"User already in the account: {user.Email}.");
    }

    private static IResult? Validate(CreateUserRequest request)
    {
        if (!Actions.Contains(request.Action))
        {
            return ZoomErrors.Validation("action");
        }

        if (request.UserInfo is not { } info)
        {
            return ZoomErrors.Validation("user_info");
        }

        if (info.Email is not { Length: > 0 and <= 128 } email || !MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            return ZoomErrors.Validation("user_info.email");
        }

        return info.Type is { } type && UserTypes.Contains(type) ? null : ZoomErrors.Validation("user_info.type");
    }

    private static IResult Delete(string userId, string? action, HttpContext http, SandboxUrls urls, ZoomUserStore store, MeetingStore meetings, MeetingPresence presence)
    {
        if (action is not (null or "disassociate" or "delete"))
        {
            return ZoomErrors.Validation("action");
        }

        if (store.Find(ZoomCaller.From(http).AccountId, userId) is not { } user)
        {
            return ZoomErrors.UserNotFound(userId);
        }

        // Either way the user leaves this account, and their meetings go with them.
        foreach (var meeting in meetings.HostedBy(user.Id))
        {
            presence.Delete(meeting, urls);
        }

        store.Remove(user.Id);
        return Results.NoContent();
    }

    private static UserResponse View(ZoomUser user) => new(
        user.Id,
        user.FirstName,
        user.LastName,
        user.DisplayName,
        user.Email,
        user.Type,
        user.Pmi,
        "America/Chicago",
        user.Status == "active" ? 1 : 0,
        ZoomTime.Format(user.CreatedAt),
        user.Status,
        "2",
        user.AccountId,
        "en-US");
}
