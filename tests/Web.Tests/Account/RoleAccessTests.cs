using System.Net;
using System.Text;
using EpicZoom.Application.Common.Security;
using EpicZoom.Domain.Audit;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Web.Tests.Account;

/// <summary>What each role may reach in the admin API and the portal, and that a refusal is a 403 (or the access-denied page) with an audit entry.</summary>
public sealed class RoleAccessTests(RoleAccessFixture fixture) : IClassFixture<RoleAccessFixture>
{
    private const string Missing = "5d0b1c8e-0000-4000-8000-000000000001";
    private const string A = AppRoles.Administrator, H = AppRoles.HelpDesk, U = AppRoles.Auditor;

    public static TheoryData<string, string, string> ApiAccess()
    {
        var rows = new TheoryData<string, string, string>();
        void Row(string method, string path, params string[] allowed)
        {
            foreach (var role in new[] { A, H, U }) rows.Add(method, path, allowed.Contains(role) ? role + ":allowed" : role + ":forbidden");
        }
        Row("GET", "/api/admin/tenants", A, H, U);
        Row("GET", $"/api/admin/tenants/{Missing}/fdi-records", A, H, U);
        Row("POST", "/api/admin/tenants", A);
        Row("PUT", $"/api/admin/tenants/{Missing}", A);
        Row("DELETE", $"/api/admin/tenants/{Missing}", A);
        Row("GET", "/api/admin/notifications", A, H, U);
        Row("GET", "/api/admin/notifications.csv", A, H, U);
        Row("GET", "/api/admin/visits", A, H, U);
        Row("GET", "/api/admin/zoom-accounts", A, H, U);
        Row("DELETE", $"/api/admin/zoom-accounts/{Missing}", A);
        Row("GET", "/api/admin/webhook-events", A, H, U);
        Row("POST", $"/api/admin/webhook-events/{Missing}/process-again", A, H);
        Row("GET", "/api/admin/reports/usage.csv", A, H, U);
        Row("GET", "/api/admin/accounts", A);
        Row("POST", "/api/admin/accounts", A);
        Row("POST", $"/api/admin/accounts/{Missing}/disable", A);
        return rows;
    }

    [Theory]
    [MemberData(nameof(ApiAccess))]
    public async Task AdminApi_AnswersEachRoleAsItsRightsSay(string method, string path, string expectation)
    {
        var (role, outcome) = (expectation.Split(':')[0], expectation.Split(':')[1]);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");

        var response = await fixture.Clients[role].SendAsync(request);

        if (outcome == "forbidden") Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        else Assert.True(response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) && (int)response.StatusCode < 500,
            $"{role} {method} {path}: {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("/", "Administrator,HelpDesk,Auditor")]
    [InlineData("/tenants", "Administrator,HelpDesk,Auditor")]
    [InlineData("/tenants/new", "Administrator")]
    [InlineData("/tenants/" + Missing, "Administrator,HelpDesk,Auditor")]
    [InlineData("/tenants/" + Missing + "/troubleshooting", "Administrator,HelpDesk")]
    [InlineData("/notifications", "Administrator,HelpDesk,Auditor")]
    [InlineData("/launch-records", "Administrator,HelpDesk,Auditor")]
    [InlineData("/audit", "Administrator,Auditor")]
    [InlineData("/accounts", "Administrator")]
    public async Task PortalPage_OpensForItsRolesAndShowsTheOthersTheAccessDeniedPage(string path, string allowed)
    {
        foreach (var role in new[] { A, H, U })
        {
            var response = await fixture.Clients[role].GetAsync(path);
            if (allowed.Split(',').Contains(role))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
            }
        }
    }

    [Fact]
    public async Task HelpDesk_CallingTheTenantApiDirectly_Gets403AndTheAttemptIsAudited()
    {
        var response = await fixture.Clients[H].PostAsync("/api/admin/tenants", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = await LatestDenialAsync("hal.helpdesk", "CreateTenantCommand");
        Assert.Equal("needs Administrator", entry.Summary);
    }

    [Fact]
    public async Task Auditor_OpeningTheAccountsApi_IsStoppedByThePolicyAndAudited()
    {
        var response = await fixture.Clients[U].GetAsync("/api/admin/accounts?search=Jane%20Doe");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var entry = await LatestDenialAsync("audrey.auditor", "GET /api/admin/accounts");
        Assert.DoesNotContain("Jane", entry.EntityId + entry.Summary);
    }

    [Fact]
    public async Task AccessDeniedPage_NamesTheUsersRole()
    {
        var page = await fixture.Clients[H].GetStringAsync("/account/access-denied");

        Assert.Contains("Your role (Help desk)", page);
    }

    [Fact]
    public async Task TenantList_ShowsTheNewTenantButtonToAdministratorsOnly()
    {
        Assert.Contains("New tenant", await fixture.Clients[A].GetStringAsync("/tenants"));
        Assert.DoesNotContain("New tenant", await fixture.Clients[H].GetStringAsync("/tenants"));
        Assert.DoesNotContain("New tenant", await fixture.Clients[U].GetStringAsync("/tenants"));
    }

    [Fact]
    public async Task Navigation_ShowsAuditToAdministratorsAndAuditorsAndAccountsToAdministratorsOnly()
    {
        var admin = await fixture.Clients[A].GetStringAsync("/");
        var helpDesk = await fixture.Clients[H].GetStringAsync("/");
        var auditor = await fixture.Clients[U].GetStringAsync("/");

        Assert.Contains("href=\"/audit\"", admin);
        Assert.Contains("href=\"/accounts\"", admin);
        Assert.DoesNotContain("href=\"/audit\"", helpDesk);
        Assert.DoesNotContain("href=\"/accounts\"", helpDesk);
        Assert.Contains("href=\"/audit\"", auditor);
        Assert.DoesNotContain("href=\"/accounts\"", auditor);
    }

    private async Task<AuditEntry> LatestDenialAsync(string actor, string target) =>
        await fixture.App.DbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == "AccessDenied" && a.Actor == actor && a.EntityId == target)
            .OrderByDescending(a => a.AtUtc).FirstAsync());
}
