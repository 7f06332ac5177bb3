using EpicZoom.Domain.Tenants;
using EpicZoom.Domain.Visits;

namespace EpicZoom.Domain.DeviceTests;

/// <summary>What a person's browser found on the device-test page; reported to Epic with the visit's CSN.</summary>
public sealed class DeviceTestResult
{
    private DeviceTestResult()
    {
        EpicId = "";
        Csn = "";
    }

    public Guid Id { get; private set; }
    public TenantId TenantId { get; private set; }
    public VisitId VisitId { get; private set; }
    public string Csn { get; private set; }
    public string EpicId { get; private set; }
    public bool CameraWorks { get; private set; }
    public bool MicrophoneWorks { get; private set; }
    public bool SpeakerWorks { get; private set; }
    public DateTime TestedAtUtc { get; private set; }

    public bool Passed => CameraWorks && MicrophoneWorks && SpeakerWorks;

    public static DeviceTestResult Record(TenantId tenantId, VisitId visitId, string csn, string epicId,
        bool camera, bool microphone, bool speaker, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid(), TenantId = tenantId, VisitId = visitId, Csn = csn, EpicId = epicId,
        CameraWorks = camera, MicrophoneWorks = microphone, SpeakerWorks = speaker, TestedAtUtc = nowUtc,
    };
}
