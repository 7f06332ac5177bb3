using EpicZoom.Sandbox.Sms.Webhooks;

namespace EpicZoom.Sandbox.Tests.Sms;

/// <summary>The example from Twilio's webhook-security documentation.</summary>
public sealed class TwilioSignatureTests
{
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private const string AuthToken = "12345";

    // Deliberately not in key order: the signer sorts.
    private static readonly KeyValuePair<string, string>[] Form =
    [
        new("To", "+18005551212"),
        new("CallSid", "CA1234567890ABCDE"),
        new("From", "+12349013030"),
        new("Digits", "1234"),
        new("Caller", "+12349013030"),
    ];

    [Fact]
    public void Signature_MatchesTwiliosDocumentedExample()
    {
        Assert.Equal("0/KCTR6DLpKmkAf8muzZqo1nDgQ=", TwilioSignature.Compute(AuthToken, Url, Form));
    }

    [Fact]
    public void IsValid_RejectsAnotherUrlTokenOrValue()
    {
        const string signature = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

        Assert.True(TwilioSignature.IsValid(AuthToken, Url, Form, signature));
        Assert.False(TwilioSignature.IsValid(AuthToken, Url + "&baz=3", Form, signature));
        Assert.False(TwilioSignature.IsValid("54321", Url, Form, signature));
        Assert.False(TwilioSignature.IsValid(AuthToken, Url, [.. Form[1..], new("To", "+18005551213")], signature));
        Assert.False(TwilioSignature.IsValid(AuthToken, Url, Form, null));
    }
}
