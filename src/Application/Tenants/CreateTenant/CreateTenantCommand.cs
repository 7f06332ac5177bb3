using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Domain.Tenants;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tenants.CreateTenant;

[Authorize(Roles = AppRoles.Administrator)]
public sealed record CreateTenantCommand(TenantInput Input) : IRequest<CreatedTenantDto>;

public sealed record CreatedTenantDto(Guid Id, string OrgId);

public sealed class CreateTenantCommandValidator : AbstractValidator<CreateTenantCommand>
{
    public CreateTenantCommandValidator(ISigningKeyService keys, IAppDbContext db)
    {
        RuleFor(c => c.Input).NotNull().SetValidator(new TenantInputValidator(keys));
        RuleFor(c => c.Input.OrgId)
            .MustAsync(async (orgId, ct) =>
            {
                var normalized = OrgId.Normalize(orgId!);
                return !await db.Tenants.AnyAsync(t => t.OrgId == normalized, ct);
            })
            .When(c => c.Input is not null && OrgId.IsValid(c.Input.OrgId))
            .WithMessage("Another tenant already uses this org_id.");
    }
}

internal sealed class CreateTenantCommandHandler(
    IAppDbContext db, ISecretProtector protector, ISigningKeyService keys, ICurrentUser user, TimeProvider clock, IOrgIdGenerator orgIds)
    : IRequestHandler<CreateTenantCommand, CreatedTenantDto>
{
    public async Task<CreatedTenantDto> Handle(CreateTenantCommand request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var changes = new TenantChanges(db, protector, keys, user, clock);
        var orgId = string.IsNullOrWhiteSpace(input.OrgId) ? orgIds.NewOrgId() : OrgId.Normalize(input.OrgId);

        var tenant = Tenant.Create(input.Name, orgId, input.Environment, input.AdmittancePolicy,
            input.ToZoomSettings(), input.ToEpicSettings(), input.ToDeviceTestSettings(), changes.Now);
        tenant.ConfigureSms(input.ToSmsSettings(), changes.Now);
        tenant.ConfigureSmart(input.ToSmartSettings(), changes.Now);
        changes.ApplyGuestsAndEmail(tenant, input);
        var secretChanges = changes.ApplySecrets(tenant, input);

        db.Tenants.Add(tenant);
        changes.Audit("TenantCreated", tenant, ["all settings", .. secretChanges]);
        await changes.SaveAsync(tenant, cancellationToken);
        return new CreatedTenantDto(tenant.Id.Value, tenant.OrgId);
    }
}
