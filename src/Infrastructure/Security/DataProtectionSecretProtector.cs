using EpicZoom.Application.Common.Interfaces;
using Microsoft.AspNetCore.DataProtection;

namespace EpicZoom.Infrastructure.Security;

/// <summary>Tenant secrets encrypted with ASP.NET Core Data Protection (authenticated encryption, keys outside the database).</summary>
internal sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector protector = provider.CreateProtector("EpicZoom.TenantSecrets.v1");

    public string Protect(string plaintext) => protector.Protect(plaintext);

    public string Unprotect(string protectedValue) => protector.Unprotect(protectedValue);
}
