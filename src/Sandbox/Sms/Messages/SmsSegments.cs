namespace EpicZoom.Sandbox.Sms.Messages;

/// <summary>
/// How many SMS segments a body needs, as Twilio counts num_segments: GSM-7 bodies fit 160
/// characters in one segment and 153 per segment when split (the extension characters count
/// twice); any other character makes the body UCS-2, 70 UTF-16 units in one segment, 67 when split.
/// </summary>
internal static class SmsSegments
{
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "^{}\\[~]|€\f";

    public static int Count(string body)
    {
        var septets = 0;
        foreach (var c in body)
        {
            if (Gsm7Basic.Contains(c, StringComparison.Ordinal))
            {
                septets++;
            }
            else if (Gsm7Extension.Contains(c, StringComparison.Ordinal))
            {
                septets += 2;
            }
            else
            {
                return Split(body.Length, 70, 67);
            }
        }

        return Split(septets, 160, 153);
    }

    private static int Split(int units, int single, int perPart) =>
        units <= single ? 1 : (units + perPart - 1) / perPart;
}
