using EpicZoom.Application.Tenants.Common;
using EpicZoom.Application.Tenants.CreateTenant;
using EpicZoom.Application.Tests.Support;
using FluentValidation.Results;

namespace EpicZoom.Application.Tests.Tenants;

/// <summary>Importing a private key, checked by the real RSA key service through the create command's validator.</summary>
public sealed class PrivateKeyImportValidationTests : IDisposable
{
    private readonly SqliteDb db = new();

    private async Task<ValidationResult> ValidateImport(string? pem)
    {
        var input = Inputs.Valid();
        input.SigningKeyAction = SigningKeyAction.Import;
        input.PrivateKeyPem = pem;
        await using var context = db.NewContext();
        return await new CreateTenantCommandValidator(SigningKeys.Real, context).ValidateAsync(new CreateTenantCommand(input));
    }

    private static string SingleMessageOnPem(ValidationResult result)
    {
        Assert.Equal(["Input.PrivateKeyPem"], result.Errors.Select(e => e.PropertyName).Distinct());
        return Assert.Single(result.Errors).ErrorMessage;
    }

    public static TheoryData<string, string> RejectedKeys => new()
    {
        { "not a key at all", "This is not a PEM file" },
        { SigningKeys.RsaPublicPem, "Expected an RSA private key" },
        { SigningKeys.EcPrivateKeyPem(), "does not hold an RSA private key" },
        { SigningKeys.Rsa1024Pem(), "The key has 1024 bits; Epic needs at least 2048." },
        { SigningKeys.RsaEncryptedPkcs8Pem, "The key is password-protected" },
        { "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", "does not hold an RSA private key" },
    };

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Import_WhenPemIsEmpty_AsksForTheKey(string? pem)
    {
        Assert.StartsWith("Paste the PEM private key", SingleMessageOnPem(await ValidateImport(pem)));
    }

    [Theory]
    [MemberData(nameof(RejectedKeys))]
    public async Task Import_WhenPemIsNotAUsableRsaPrivateKey_SaysWhyOnThePemField(string pem, string expected)
    {
        Assert.Contains(expected, SingleMessageOnPem(await ValidateImport(pem)));
    }

    [Fact]
    public async Task Import_WhenPemIsLongerThanTheMaximum_IsRejectedWithoutParsing()
    {
        var pem = SigningKeys.RsaPkcs8Pem + new string('\n', TenantInputValidator.MaxPemLength);

        var message = SingleMessageOnPem(await ValidateImport(pem));

        Assert.Contains(TenantInputValidator.MaxPemLength.ToString(System.Globalization.CultureInfo.InvariantCulture), message);
    }

    [Fact]
    public async Task Import_WhenPemIsA2048BitPkcs1RsaKey_Passes()
    {
        var result = await ValidateImport(SigningKeys.RsaPkcs1Pem);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public async Task Import_WhenPemIsA2048BitPkcs8RsaKeyWithSurroundingWhitespace_Passes()
    {
        var result = await ValidateImport("\n  " + SigningKeys.RsaPkcs8Pem + "\n\n");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData(SigningKeyAction.Keep)]
    [InlineData(SigningKeyAction.Generate)]
    [InlineData(SigningKeyAction.Remove)]
    public async Task Validate_WhenActionIsNotImport_IgnoresThePemField(SigningKeyAction action)
    {
        var input = Inputs.Valid();
        input.SigningKeyAction = action;
        input.PrivateKeyPem = "not a key at all";
        await using var context = db.NewContext();

        var result = await new CreateTenantCommandValidator(SigningKeys.Real, context).ValidateAsync(new CreateTenantCommand(input));

        Assert.True(result.IsValid);
    }

    public void Dispose() => db.Dispose();
}
