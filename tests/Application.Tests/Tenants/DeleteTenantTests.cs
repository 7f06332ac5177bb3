using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Tenants.DeleteTenant;
using EpicZoom.Application.Tests.Support;

namespace EpicZoom.Application.Tests.Tenants;

public sealed class DeleteTenantTests : IDisposable
{
    private readonly TestApp app = new();

    [Fact]
    public async Task Delete_RemovesOnlyThatTenantAndAuditsIt()
    {
        var keep = await app.CreateTenant(Inputs.Valid(orgId: "keep-org", name: "Keep"));
        var gone = await app.CreateTenant(Inputs.Valid(orgId: "gone-org", name: "Gone").WithSecrets());
        app.Clock.Advance(TimeSpan.FromMinutes(5));

        await app.Send(new DeleteTenantCommand(gone.Id));

        Assert.Equal(keep.Id, Assert.Single(app.StoredTenants()).Id.Value);
        var entry = Assert.Single(app.StoredAudit(), a => a.Action == "TenantDeleted");
        Assert.Equal(("alice", "Tenant", "gone-org", app.Clock.UtcNow), (entry.Actor, entry.EntityType, entry.EntityId, entry.AtUtc));
        Assert.Equal("tenant 'Gone' and its secrets and signing key removed", entry.Summary);
        Assert.DoesNotContain(app.Db.RawValues("Tenants").Concat(app.Db.RawValues("AuditEntries")), v => v.Contains("enc:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Delete_WhenTenantDoesNotExist_IsNotFoundAndAuditsNothing()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => app.Send(new DeleteTenantCommand(Guid.NewGuid())));

        Assert.Empty(app.StoredAudit());
    }

    public void Dispose() => app.Dispose();
}
