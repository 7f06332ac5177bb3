namespace EpicZoom.Sandbox.Common;

internal enum Simulator
{
    Epic,
    Zoom,
    Sms,
    Email,
    Oidc,
}

/// <summary>In-memory state one simulator's "_test/reset" wipes.</summary>
internal interface ISandboxState
{
    Simulator Simulator { get; }

    void Reset();
}
