namespace EpicZoom.Application.Common.Interfaces;

public interface IOrgIdGenerator
{
    /// <summary>A fresh, URL-safe, unguessable org_id.</summary>
    string NewOrgId();
}
