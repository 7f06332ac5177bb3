namespace EpicZoom.Application.Common.Interfaces;

/// <summary>A request a background worker sends every few seconds: its "Handled" line is Debug, not Information.</summary>
public interface IBackgroundRequest;
