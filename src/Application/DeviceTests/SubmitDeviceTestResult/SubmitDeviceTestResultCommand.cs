using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.DeviceTests;
using EpicZoom.Domain.Visits;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.DeviceTests.SubmitDeviceTestResult;

/// <summary>The device-test page reports what worked; the pass in its link says whose test it was.</summary>
public sealed record SubmitDeviceTestResultCommand(string PassToken, bool Camera, bool Microphone, bool Speaker) : IRequest<bool>;

internal sealed class SubmitDeviceTestResultCommandHandler(IAppDbContext db, IVisitPasses passes, TimeProvider clock)
    : IRequestHandler<SubmitDeviceTestResultCommand, bool>
{
    public async Task<bool> Handle(SubmitDeviceTestResultCommand request, CancellationToken cancellationToken)
    {
        var pass = passes.Read(request.PassToken);
        if (pass is not { Purpose: VisitPass.DeviceTest }) throw new LaunchException(LaunchError.LinkInvalidOrExpired);
        var visitId = new VisitId(pass.VisitId);
        var visit = await db.VideoVisits.AsNoTracking().Include(v => v.Participants).SingleOrDefaultAsync(v => v.Id == visitId, cancellationToken)
            ?? throw new LaunchException(LaunchError.LinkInvalidOrExpired, "visit gone");
        var participant = visit.Participants.SingleOrDefault(p => p.Id == pass.ParticipantId)
            ?? throw new LaunchException(LaunchError.LinkInvalidOrExpired, "participant gone");

        var result = DeviceTestResult.Record(visit.TenantId, visit.Id, visit.Csn, participant.EpicId,
            request.Camera, request.Microphone, request.Speaker, clock.GetUtcNow().UtcDateTime);
        db.DeviceTestResults.Add(result);
        await db.SaveChangesAsync(cancellationToken);
        return result.Passed;
    }
}
