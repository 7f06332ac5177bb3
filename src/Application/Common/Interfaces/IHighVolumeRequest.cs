namespace EpicZoom.Application.Common.Interfaces;

/// <summary>
/// A request that arrives many times a second under normal traffic (a Zoom webhook, a waiting patient's status poll):
/// its "Handled" line is Debug, not Information. Metrics and traces count and time each one; a log line per webhook
/// would fill the log, and a console that falls behind blocks the threads writing to it.
/// </summary>
public interface IHighVolumeRequest;
