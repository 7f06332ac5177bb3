using EpicZoom.Domain.Sms;

namespace EpicZoom.Domain.Tests.Sms;

public sealed class PhoneNumberTests
{
    private const char Dot = '•';

    [Theory]
    [InlineData("+15550100123", "+15550100123")]
    [InlineData("+1 555 010 0123", "+15550100123")]
    [InlineData("+1-555-010-0123", "+15550100123")]
    [InlineData("+1.555.010.0123", "+15550100123")]
    [InlineData("+1 (555) 010-0123", "+15550100123")]
    [InlineData("  +44 20 7946 0958  ", "+442079460958")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    [InlineData("0015550100123", "+15550100123")]
    [InlineData("+1\t555\t010\t0123", "+15550100123")]
    public void TryParse_UsualWritings_GiveTheCompactE164Form(string input, string expected)
    {
        Assert.True(PhoneNumber.TryParse(input, out var number, out var problem));

        Assert.NotNull(number);
        Assert.Equal(expected, number.E164);
        Assert.Equal("", problem);
    }

    [Theory]
    [InlineData("+12345678")]          // 8 digits: the shortest allowed
    [InlineData("+123456789012345")]   // 15 digits: the longest allowed
    public void TryParse_AtTheDigitLimits_Accepts(string input)
    {
        Assert.True(PhoneNumber.TryParse(input, out var number, out _));
        Assert.Equal(input, number!.E164);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" - . ( ) ")]
    public void TryParse_NothingEntered_AsksForTheNumber(string? input)
    {
        Assert.False(PhoneNumber.TryParse(input, out var number, out var problem));

        Assert.Null(number);
        Assert.Contains("mobile number", problem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("15550100123")]
    [InlineData("555 010 0123")]
    [InlineData("(555) 010-0123")]
    [InlineData("0155501001")]
    public void TryParse_WithoutPlusOrLeading00_AsksForInternationalFormat(string input)
    {
        Assert.False(PhoneNumber.TryParse(input, out var number, out var problem));

        Assert.Null(number);
        Assert.Contains("+", problem);
        Assert.Contains("country code", problem, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("+")]
    [InlineData("00")]
    [InlineData("+1234567")]            // 7 digits: too short
    [InlineData("+1234")]
    [InlineData("+1234567890123456")]   // 16 digits: too long
    [InlineData("+05550100123")]        // country codes never start with 0
    [InlineData("+00015550100123")]
    [InlineData("+1555CALLNOW")]
    [InlineData("+1 555 010 012a")]
    [InlineData("+1555010012#3")]
    [InlineData("+1555/0100123")]
    [InlineData("++15550100123")]
    [InlineData("+1 555 010 0123 ext 4")]
    public void TryParse_NotAnE164Number_IsRejectedWithAnExplanation(string input)
    {
        Assert.False(PhoneNumber.TryParse(input, out var number, out var problem));

        Assert.Null(number);
        Assert.False(string.IsNullOrWhiteSpace(problem));
        Assert.Contains("E.164", problem);
        Assert.Contains("8 to 15 digits", problem);
    }

    [Fact]
    public void TryParse_AcceptedNumbers_WithDifferentWritingsAreEqual()
    {
        PhoneNumber.TryParse("+1 (555) 010-0123", out var a, out _);
        PhoneNumber.TryParse("001.555.010.0123", out var b, out _);

        Assert.Equal(a, b);
    }

    [Fact]
    public void Masked_ShowsOnlyTheLastFourDigits()
    {
        PhoneNumber.TryParse("+15550100123", out var number, out _);

        Assert.Equal("+•••••••0123", number!.Masked);
    }

    [Theory]
    [InlineData("+15550100123")]
    [InlineData("+442079460958")]
    [InlineData("+12345678")]
    [InlineData("+123456789012345")]
    public void Masked_HidesEveryDigitButTheLastFourAndKeepsTheLength(string e164)
    {
        PhoneNumber.TryParse(e164, out var number, out _);

        var masked = number!.Masked;

        Assert.Equal(e164.Length, masked.Length);
        Assert.StartsWith("+", masked);
        Assert.EndsWith(e164[^4..], masked);
        Assert.Equal(4, masked.Count(char.IsDigit));
        Assert.All(masked[1..^4], c => Assert.Equal(Dot, c));
        Assert.DoesNotContain(e164[1..^4], masked);
    }

    [Fact]
    public void ToString_IsTheMaskedForm()
    {
        PhoneNumber.TryParse("+15550100123", out var number, out _);

        Assert.Equal("+•••••••0123", number!.ToString());
        Assert.Equal("+•••••••0123", $"{number}");
        Assert.DoesNotContain("555010", number.ToString());
    }

    [Fact]
    public void Mask_OfAStoredE164Number_MatchesTheMaskedProperty()
    {
        Assert.Equal("+•••••••0123", PhoneNumber.Mask("+15550100123"));
        Assert.Equal("+••••••••0958", PhoneNumber.Mask("+442079460958"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("+12")]
    [InlineData("1234")]
    public void Mask_OfSomethingTooShort_RevealsNothing(string value)
    {
        var masked = PhoneNumber.Mask(value);

        Assert.Equal("••••", masked);
        Assert.DoesNotContain(masked, char.IsDigit);
    }

    [Theory]
    [InlineData("+1 ５５５ ０１０ ０１２３")]   // full-width digits (an East Asian keyboard)
    [InlineData("+1555010012३")]              // a Devanagari digit
    public void TryParse_DigitsOfAnotherScript_BecomeTheSameAsciiNumber(string input)
    {
        Assert.True(PhoneNumber.TryParse(input, out var number, out _));

        // One number, one spelling: what is sent, matched for STOP and counted for limits is plain ASCII.
        Assert.Equal("+15550100123", number!.E164);
    }
}

public class PhoneNumberMaskingTests
{
    [Theory]
    [InlineData("The 'To' number +15551234567 is not a valid phone number.", "The 'To' number +•••••••4567 is not a valid phone number.")]
    [InlineData("The 'To' phone number: +15005550002, is not currently reachable using the 'From' phone number: +15550100200 via SMS.",
        "The 'To' phone number: +•••••••0002, is not currently reachable using the 'From' phone number: +•••••••0200 via SMS.")]
    [InlineData("Call (555) 010-0123 or 555.010.0199", "Call +••••••0123 or +••••••0199")]
    [InlineData("+44 20 7946 0958 rejected", "+••••••••0958 rejected")]
    public void MaskNumbersIn_MasksEveryNumberButItsLastFourDigits(string text, string expected)
    {
        Assert.Equal(expected, PhoneNumber.MaskNumbersIn(text));
    }

    [Theory]
    [InlineData("HTTP 400 code 21211: Invalid 'To' Phone Number")]
    [InlineData("The requested resource /2010-04-01/Accounts/AC0123456789abcdef0123456789abcdef/Messages.json was not found")]
    [InlineData("Attempt to send to unsubscribed recipient")]
    [InlineData("")]
    public void MaskNumbersIn_LeavesCodesAndAccountSidsAlone(string text)
    {
        Assert.Equal(text, PhoneNumber.MaskNumbersIn(text));
    }
}
