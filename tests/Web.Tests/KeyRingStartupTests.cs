using System.Net;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.TestSupport;
using EpicZoom.TestSupport.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Web.Tests;

/// <summary>The app's key ring from start-up: encrypted at rest, so Data Protection never warns it is stored in the clear.</summary>
public sealed class KeyRingStartupTests
{
    [Fact]
    public async Task AtStartUp_TheFirstKeyIsWrittenEncrypted_AndNoUnencryptedKeyWarningIsLogged()
    {
        using var app = new EpicZoomApp();

        // The sign-in form's antiforgery token makes the key ring create its first key.
        var page = await app.CreateBrowserlessClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(app.LogLines, l => l.Contains("Data Protection key ring: in the keys folder, encrypted with the certificate generated in the data folder", StringComparison.Ordinal));
        Assert.DoesNotContain(app.LogLines, l => l.Contains("No XML encryptor configured", StringComparison.Ordinal));
        Assert.DoesNotContain(app.LogLines, l => l.Contains("unencrypted form", StringComparison.Ordinal));
        var keyFile = await File.ReadAllTextAsync(Assert.Single(KeyRings.KeyFiles(app.DataPath)));
        Assert.Contains("encryptedSecret", keyFile, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADataFolderOfAnEarlierVersion_StillOpensItsSecrets_AndItsKeyRingIsEncryptedAtStartUp()
    {
        using var data = new TempDirectory("epiczoom-earlier");
        var cipher = KeyRings.ProtectWithThePlainFileKeyRing(data.Path, "zoom-client-secret");
        Assert.Single(KeyRings.PlainMasterKeys(data.Path));

        using var app = new EpicZoomApp(new Dictionary<string, string?> { ["App:DataPath"] = data.Path });
        var page = await app.CreateBrowserlessClient().GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("zoom-client-secret", app.Services.GetRequiredService<ISecretProtector>().Unprotect(cipher));
        Assert.Empty(KeyRings.PlainMasterKeys(data.Path));
        Assert.Contains(app.LogLines, l => l.Contains("Encrypted 1 key ring file(s) an older EpicZoom stored unencrypted", StringComparison.Ordinal));
        Assert.DoesNotContain(app.LogLines, l => l.Contains("No XML encryptor configured", StringComparison.Ordinal));
    }
}
