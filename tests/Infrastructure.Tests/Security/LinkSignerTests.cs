using System.Security.Cryptography;
using System.Text;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EpicZoom.Infrastructure.Tests.Security;

public sealed class LinkSignerTests : IDisposable
{
    private const string Id = "Ab3dEf6hIj9k";
    private const string KeyFile = "link-signing.key";

    private readonly TempDirectory dir = new();
    private readonly List<ServiceProvider> providers = [];

    public void Dispose()
    {
        foreach (var provider in providers) provider.Dispose();
        dir.Dispose();
    }

    [Fact]
    public void Verify_OfASignedId_ReturnsTheId()
    {
        var signer = Signer(dir.Path);

        var token = signer.Sign(Id);

        Assert.Equal(Id, signer.Verify(token));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("with-dash_and_underscore")]
    public void Verify_OfSignedIdsOfAnyAllowedLength_ReturnsTheId(string id)
    {
        var signer = Signer(dir.Path);

        Assert.Equal(id, signer.Verify(signer.Sign(id)));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Verify_OfATokenWithWhitespaceTheDecoderWouldSkip_IsNull(string whitespace)
    {
        var signer = Signer(dir.Path);
        var token = signer.Sign(Id);

        Assert.Null(signer.Verify(token + whitespace));
        Assert.Null(signer.Verify(token[..^4] + whitespace + token[^4..]));
    }

    [Fact]
    public void TheKeyFile_IsWrittenWhole_NoTemporaryFileIsLeftBehind()
    {
        Signer(dir.Path).Sign(Id);

        Assert.True(new FileInfo(Path.Combine(dir.Path, KeyFile)).Length > 0);
        Assert.Empty(Directory.GetFiles(dir.Path, KeyFile + ".*.tmp"));
    }

    [Fact]
    public void Sign_GivesAShortUrlSafeTokenStartingWithTheId()
    {
        var token = Signer(dir.Path).Sign(Id);

        Assert.True(token.Length < 40, $"'{token}' is {token.Length} characters");
        Assert.StartsWith(Id + ".", token);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.', $"'{c}' is not URL-safe"));
        Assert.Equal(Uri.EscapeDataString(token), token);
    }

    [Fact]
    public void Sign_OfDifferentIds_GivesDifferentSignatures()
    {
        var signer = Signer(dir.Path);

        var a = signer.Sign("aaaaaaaaaaaa").Split('.')[1];
        var b = signer.Sign("aaaaaaaaaaab").Split('.')[1];

        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has.dot")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefX")]
    public void Sign_OfAnUnusableId_Throws(string id)
    {
        Assert.Throws<ArgumentException>(() => Signer(dir.Path).Sign(id));
    }

    [Fact]
    public void Verify_WhenAnySingleCharacterOfTheTokenChanges_ReturnsNull()
    {
        var signer = Signer(dir.Path);
        var token = signer.Sign(Id);

        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.') continue;
            foreach (var replacement in new[] { 'A', 'z', '0', '-', '_' })
            {
                if (replacement == token[i]) continue;
                var tampered = token[..i] + replacement + token[(i + 1)..];
                Assert.True(signer.Verify(tampered) is null, $"'{tampered}' (position {i}) was accepted");
            }
        }
    }

    [Fact]
    public void Verify_OfTheSignatureOfOneIdUnderAnother_ReturnsNull()
    {
        var signer = Signer(dir.Path);
        var signature = signer.Sign("aaaaaaaaaaaa").Split('.')[1];

        Assert.Null(signer.Verify("bbbbbbbbbbbb." + signature));
    }

    [Fact]
    public void Verify_WithTheSignatureShortenedOrLengthened_ReturnsNull()
    {
        var signer = Signer(dir.Path);
        var token = signer.Sign(Id);

        Assert.Null(signer.Verify(token[..^1]));
        Assert.Null(signer.Verify(token[..^4]));
        Assert.Null(signer.Verify(token + "A"));
        Assert.Null(signer.Verify(token + "AAAA"));
    }

    [Fact]
    public void Verify_OfMalformedTokens_ReturnsNullWithoutThrowing()
    {
        var signer = Signer(dir.Path);
        var token = signer.Sign(Id);
        var signature = token.Split('.')[1];
        string?[] malformed =
        [
            null,
            "",
            " ",
            ".",
            "..",
            Id,
            Id + ".",
            "." + signature,
            Id + ".." + signature,
            Id + "." + signature + "." + signature,
            Id + ".!!!!!!!!!!!!!!!!",
            Id + ".%%%%",
            Id + ".AAAAAAAAAAAAAAAA",
            Id + "." + signature + "=",
            Id + "." + signature + "==",
            "garbage",
            "\0\0\0.\0\0\0",
            "é.ü",
            new string('A', 10_000),
            Id + "." + new string('A', 10_000),
            new string('x', 5_000) + "." + signature,
            Id + "." + Convert.ToBase64String(new byte[32]).TrimEnd('='),
        ];

        foreach (var bad in malformed)
        {
            var result = Record.Exception(() => Assert.Null(signer.Verify(bad!)));
            Assert.True(result is null, $"'{Shorten(bad)}': {result?.Message}");
        }
    }

    [Fact]
    public void Verify_OfTheSignatureInStandardBase64_ReturnsNull()
    {
        var signer = Signer(dir.Path);
        // Find a signature that uses a URL-only character, so its standard-Base64 spelling differs.
        var token = Enumerable.Range(0, 1000).Select(i => signer.Sign("id" + i)).First(t => t.Split('.')[1].IndexOfAny(['-', '_']) >= 0);

        var standard = token.Replace('-', '+').Replace('_', '/');

        Assert.NotEqual(token, standard);
        Assert.NotNull(signer.Verify(token));
        Assert.Null(signer.Verify(standard));
    }

    [Fact]
    public void Verify_OfATokenFromAnotherDataFolder_ReturnsNull()
    {
        using var other = new TempDirectory();
        var token = Signer(other.Path).Sign(Id);

        Assert.Null(Signer(dir.Path).Verify(token));
    }

    [Fact]
    public void Verify_OnAnotherInstanceWithTheSameDataFolder_AcceptsTheToken()
    {
        var first = Signer(dir.Path);
        var second = Signer(dir.Path);

        Assert.Equal(Id, second.Verify(first.Sign(Id)));
        Assert.Equal("zyxwvutsrqpo", first.Verify(second.Sign("zyxwvutsrqpo")));
        Assert.Equal(first.Sign(Id), second.Sign(Id));
    }

    [Fact]
    public void Verify_AfterARestart_AcceptsTokensIssuedBefore()
    {
        var first = Services(dir.Path);
        var token = first.GetRequiredService<ILinkSigner>().Sign(Id);
        first.Dispose();

        Assert.Equal(Id, Signer(dir.Path).Verify(token));
    }

    [Fact]
    public void KeyFile_IsCreatedInTheDataFolder()
    {
        Signer(dir.Path).Sign(Id);

        Assert.True(File.Exists(Path.Combine(dir.Path, KeyFile)));
    }

    [Fact]
    public void KeyFile_HoldsTheKeyEncryptedWithDataProtection()
    {
        var signer = Signer(dir.Path);
        var fingerprint = signer.Fingerprint("probe");

        var stored = Convert.FromBase64String(File.ReadAllText(Path.Combine(dir.Path, KeyFile)).Trim());

        Assert.True(stored.Length > 32, $"the key file holds only {stored.Length} bytes: the raw key?");
        // Data Protection's payload header (magic 0x09F0C9F0), so the file is its ciphertext, not a raw key.
        Assert.Equal(new byte[] { 0x09, 0xF0, 0xC9, 0xF0 }, stored[..4]);
        // No 32-byte stretch of the file is the key itself.
        for (var i = 0; i + 32 <= stored.Length; i++)
        {
            var candidate = stored[i..(i + 32)];
            Assert.NotEqual(fingerprint, Convert.ToHexStringLower(HMACSHA256.HashData(candidate, Encoding.UTF8.GetBytes("fingerprint:probe"))));
        }
    }

    [Fact]
    public void KeyFile_CannotBeReadWithoutTheDataProtectionKeys()
    {
        var token = Signer(dir.Path).Sign(Id);
        using var other = new TempDirectory();
        File.Copy(Path.Combine(dir.Path, KeyFile), Path.Combine(other.Path, KeyFile));

        // The database and the signing key file alone, without the key ring, must not give the key.
        Assert.ThrowsAny<CryptographicException>(() => Signer(other.Path).Verify(token));
    }

    [Fact]
    public void Fingerprint_OfEqualValues_IsEqual()
    {
        var signer = Signer(dir.Path);

        Assert.Equal(signer.Fingerprint("+15550100123"), signer.Fingerprint("+15550100123"));
        Assert.Equal(signer.Fingerprint("+15550100123"), Signer(dir.Path).Fingerprint("+15550100123"));
    }

    [Fact]
    public void Fingerprint_OfDifferentValues_Differs()
    {
        var signer = Signer(dir.Path);

        Assert.NotEqual(signer.Fingerprint("+15550100123"), signer.Fingerprint("+15550100124"));
        Assert.NotEqual(signer.Fingerprint(""), signer.Fingerprint(" "));
    }

    [Theory]
    [InlineData("+15550100123")]
    [InlineData("")]
    [InlineData("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    public void Fingerprint_Is64LowercaseHexCharactersWithoutTheValue(string value)
    {
        var fingerprint = Signer(dir.Path).Fingerprint(value);

        Assert.Matches("^[0-9a-f]{64}$", fingerprint);
        if (value.Length > 0) Assert.DoesNotContain(value, fingerprint);
        Assert.DoesNotContain("5550100123", fingerprint);
    }

    [Fact]
    public void Fingerprint_IsKeyedSoAnotherDataFolderGivesAnother()
    {
        using var other = new TempDirectory();

        Assert.NotEqual(Signer(dir.Path).Fingerprint("+15550100123"), Signer(other.Path).Fingerprint("+15550100123"));
    }

    [Fact]
    public void Fingerprint_IsNotAPlainHashOfTheValue()
    {
        var fingerprint = Signer(dir.Path).Fingerprint("+15550100123");

        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("+15550100123"))), fingerprint);
        Assert.NotEqual(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("fingerprint:+15550100123"))), fingerprint);
    }

    [Fact]
    public void Fingerprint_DiffersFromTheLinkSignatureOfTheSameValue()
    {
        var signer = Signer(dir.Path);

        var signature = Convert.ToHexStringLower(Base64UrlDecode(signer.Sign(Id).Split('.')[1]));

        Assert.DoesNotContain(signature, signer.Fingerprint(Id));
    }

    private ILinkSigner Signer(string dataPath) => Services(dataPath).GetRequiredService<ILinkSigner>();

    private ServiceProvider Services(string dataPath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["App:DataPath"] = dataPath }).Build();
        var provider = new ServiceCollection().AddLogging().AddInfrastructure(configuration, dataPath).BuildServiceProvider();
        providers.Add(provider);
        return provider;
    }

    private static byte[] Base64UrlDecode(string text) =>
        Convert.FromBase64String(text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4));

    private static string Shorten(string? text) => text is null ? "null" : text.Length <= 40 ? text : text[..40] + "…";
}
