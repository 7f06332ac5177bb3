using System.Text.Json;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Launch.Common;
using EpicZoom.Domain.DeviceTests;
using EpicZoom.Domain.Notifications;
using EpicZoom.Domain.Visits;
using EpicZoom.Application.Visits.Common;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace EpicZoom.Application.DeviceTests.SubmitDeviceTestResult;

/// <summary>
/// The device-test page reports what worked; the pass in its link says whose test it was. The result is kept and, in
/// the same transaction, queued as a notification record for Epic (delivered, retried and searchable like a status report).
/// </summary>
public sealed record SubmitDeviceTestResultCommand(string PassToken, bool Camera, bool Microphone, bool Speaker) : IRequest<bool>;

internal sealed class SubmitDeviceTestResultCommandHandler(IAppDbContext db, VisitPassReader passes, IWorkSignal signal, TimeProvider clock)
    : IRequestHandler<SubmitDeviceTestResultCommand, bool>
{
    private const int SaveAttempts = 3;

    public async Task<bool> Handle(SubmitDeviceTestResultCommand request, CancellationToken cancellationToken)
    {
        var (_, visit, participant, tenant) = await passes.ReadAsync(request.PassToken, VisitPass.DeviceTest, tracked: false, cancellationToken);
        var codes = tenant.Epic.StatusCodes;
        var idType = participant.Role == ParticipantRole.Patient ? codes.PatientIdType : codes.ProviderIdType;

        var now = clock.GetUtcNow().UtcDateTime;
        var result = DeviceTestResult.Record(visit.TenantId, visit.Id, visit.Csn, participant.EpicId,
            request.Camera, request.Microphone, request.Speaker, now);
        var payload = DeviceTestPayload(result, idType, tenant.Epic.VendorName);
        for (var attempt = 1; ; attempt++)
        {
            // A participant's record numbers are unique; a webhook processed at the same moment may take the same one.
            var sequence = await db.NotificationRecords.Where(r => r.ParticipantId == participant.Id).Select(r => (long?)r.Sequence).MaxAsync(cancellationToken) ?? 0;
            db.DeviceTestResults.Add(result);
            db.NotificationRecords.Add(NotificationRecord.ForDeviceTest(visit, participant, idType, result.Passed, payload, now, sequence + 1, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt < SaveAttempts)
            {
                db.DiscardChanges();
            }
        }
        signal.Notify(WorkKind.Notifications);
        return result.Passed;
    }

    /// <summary>Epic's device-test API is not public: the body names the visit, the person and each check in Epic's vocabulary.</summary>
    internal static string DeviceTestPayload(DeviceTestResult result, string externalIdType, string vendorName) =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["CSN"] = result.Csn,
            ["ExternalID"] = result.EpicId,
            ["ExternalIDType"] = externalIdType,
            ["VendorName"] = vendorName,
            ["Result"] = result.Passed ? "Passed" : "Failed",
            ["Camera"] = result.CameraWorks ? "Passed" : "Failed",
            ["Microphone"] = result.MicrophoneWorks ? "Passed" : "Failed",
            ["Speaker"] = result.SpeakerWorks ? "Passed" : "Failed",
            ["TestedAt"] = result.TestedAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
        });
}
