using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using EpicZoom.Application.Tenants.Common;
using EpicZoom.Domain.Tenants;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tenants.UpdateTenant;

[Authorize(Roles = AppRoles.Administrator)]
public sealed record UpdateTenantCommand(Guid Id, TenantInput Input) : IRequest<Unit>;

public sealed class UpdateTenantCommandValidator : AbstractValidator<UpdateTenantCommand>
{
    public UpdateTenantCommandValidator(ISigningKeyService keys, IAppDbContext db)
    {
        RuleFor(c => c.Input).NotNull().SetValidator(new TenantInputValidator(keys));
        RuleFor(c => c.Input.OrgId)
            .NotEmpty().When(c => c.Input is not null).WithMessage("A saved tenant keeps an org_id; Epic's FDI records use it.")
            .MustAsync(async (command, orgId, ct) =>
            {
                var id = new TenantId(command.Id);
                var normalized = OrgId.Normalize(orgId!);
                return !await db.Tenants.AnyAsync(t => t.OrgId == normalized && t.Id != id, ct);
            })
            .When(c => c.Input is not null && OrgId.IsValid(c.Input.OrgId), ApplyConditionTo.CurrentValidator)
            .WithMessage("Another tenant already uses this org_id.");
    }
}

internal sealed class UpdateTenantCommandHandler(
    IAppDbContext db, ISecretProtector protector, ISigningKeyService keys, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<UpdateTenantCommand, Unit>
{
    public async Task<Unit> Handle(UpdateTenantCommand request, CancellationToken cancellationToken)
    {
        var id = new TenantId(request.Id);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException(nameof(Tenant), request.Id);
        var input = request.Input;
        var changes = new TenantChanges(db, protector, keys, user, clock);

        var before = TenantChanges.Snapshot(tenant);
        tenant.Update(input.Name, OrgId.Normalize(input.OrgId!), input.Environment, input.AdmittancePolicy,
            input.ToZoomSettings(), input.ToEpicSettings(), input.ToDeviceTestSettings(), changes.Now);
        tenant.ConfigureSms(input.ToSmsSettings(), changes.Now);
        tenant.ConfigureSmart(input.ToSmartSettings(), changes.Now);
        changes.ApplyGuestsAndEmail(tenant, input);
        var after = TenantChanges.Snapshot(tenant);
        var changedFields = after.Where(kv => before[kv.Key] != kv.Value).Select(kv => $"{kv.Key} changed");

        changes.Audit("TenantUpdated", tenant, [.. changedFields, .. changes.ApplySecrets(tenant, input)]);
        await changes.SaveAsync(tenant, cancellationToken);
        return Unit.Value;
    }
}
