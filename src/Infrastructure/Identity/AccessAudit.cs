using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Domain.Audit;
using EpicZoom.Domain.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EpicZoom.Infrastructure.Identity;

/// <summary>Writes "AccessDenied" audit entries through a DbContext of their own (the refused request's is left untouched).</summary>
internal sealed class AccessAudit(IServiceScopeFactory scopes, TimeProvider time, ILogger<AccessAudit> logger) : IAccessAudit
{
    public const string Action = "AccessDenied";

    public async Task RecordDeniedAsync(string userName, string target, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IAppDbContext>();
            db.AuditEntries.Add(AuditEntry.Record(time.GetUtcNow().UtcDateTime, SafeText.Sanitize(userName, 200), Action, "Access",
                SafeText.Sanitize(target, 200), SafeText.Sanitize(reason, 200)));
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The refusal stands either way; a failed audit write must not turn a 403 into a 500.
            logger.LogWarning("Access-denied audit entry not written: {ExceptionType}", ex.GetType().Name);
        }
    }
}
