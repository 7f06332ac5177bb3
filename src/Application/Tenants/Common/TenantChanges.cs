using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Audit;
using EpicZoom.Domain.Common;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.Tenants.Common;

/// <summary>The parts of saving a tenant that create and update share: secrets, signing key, audit, uniqueness.</summary>
internal sealed class TenantChanges(IAppDbContext db, ISecretProtector protector, ISigningKeyService keys, ICurrentUser user, TimeProvider clock)
{
    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Applies write-only secrets and the signing-key action; returns the names of what changed (never values).</summary>
    public List<string> ApplySecrets(Tenant tenant, TenantInput input)
    {
        var changed = new List<string>();
        foreach (var secret in input.SecretsToRemove.Distinct().Where(s => s != TenantSecret.EpicPrivateKey))
        {
            if (!tenant.HasSecret(secret)) continue;
            tenant.SetProtectedSecret(secret, null, Now);
            changed.Add($"{secret} removed");
        }
        foreach (var (secret, value) in input.NewSecrets())
        {
            tenant.SetProtectedSecret(secret, protector.Protect(value), Now);
            changed.Add($"{secret} replaced");
        }

        switch (input.SigningKeyAction)
        {
            case SigningKeyAction.Generate:
                SetKey(tenant, keys.Generate());
                changed.Add("SigningKey generated");
                break;
            case SigningKeyAction.Import:
                if (!keys.TryImport(input.PrivateKeyPem ?? "", out var pair, out var problem))
                    throw new ValidationException("Input.PrivateKeyPem", problem);
                SetKey(tenant, pair!);
                changed.Add("SigningKey imported");
                break;
            case SigningKeyAction.Remove when tenant.SigningKey is not null:
                tenant.RemoveSigningKey(Now);
                changed.Add("SigningKey removed");
                break;
        }
        return changed;
    }

    /// <summary>
    /// Guests and e-mail. The validator already checks the domain's rules field by field; should one still be broken,
    /// it comes back as a field error on the section, never as a 500.
    /// </summary>
    public void ApplyGuestsAndEmail(Tenant tenant, TenantInput input)
    {
        try
        {
            tenant.ConfigureGuests(input.ToGuestSettings(), Now);
        }
        catch (DomainRuleViolationException rule)
        {
            throw new ValidationException($"Input.{nameof(TenantInput.GuestsEnabled)}", rule.Message);
        }
        try
        {
            tenant.ConfigureEmail(input.ToEmailSettings(), Now);
        }
        catch (DomainRuleViolationException rule)
        {
            throw new ValidationException($"Input.{nameof(TenantInput.EmailUseOwnServer)}", rule.Message);
        }
    }

    /// <summary>Saves; when another admin saved the same org_id first, the unique index decides and the loser gets a field error.</summary>
    public async Task SaveAsync(Tenant tenant, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            var orgId = tenant.OrgId;
            var id = tenant.Id;
            if (!await db.Tenants.AnyAsync(t => t.OrgId == orgId && t.Id != id, ct)) throw;
            throw new ValidationException("Input.OrgId", "Another tenant already uses this org_id.");
        }
    }

    public void Audit(string action, Tenant tenant, IEnumerable<string> changes) =>
        db.AuditEntries.Add(AuditEntry.Record(Now, user.UserName ?? "system", action, nameof(Tenant), tenant.OrgId,
            string.Join("; ", changes.DefaultIfEmpty("no changes"))));

    /// <summary>Non-secret field values, compared before and after an update so the audit can name what changed.</summary>
    public static Dictionary<string, string?> Snapshot(Tenant t) => new()
    {
        ["Name"] = t.Name,
        ["OrgId"] = t.OrgId,
        ["Environment"] = t.Environment.ToString(),
        ["AdmittancePolicy"] = t.AdmittancePolicy.ToString(),
        ["Zoom"] = t.Zoom.ToString(),
        ["Epic"] = t.Epic.ToString(),
        ["DeviceTest"] = t.DeviceTest.ToString(),
        ["Sms"] = t.Sms.ToString(),
        ["Smart"] = t.Smart.ToString(),
        ["Guests"] = t.Guests.ToString(),
        ["Email"] = t.Email.ToString(),
    };

    private void SetKey(Tenant tenant, SigningKeyPair pair) =>
        tenant.SetSigningKey(pair.PublicPart, protector.Protect(pair.PrivateKeyPem), Now);
}
