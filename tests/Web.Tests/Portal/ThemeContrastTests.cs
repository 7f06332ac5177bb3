using EpicZoom.Web.Components.Layout;
using MudBlazor;
using MudBlazor.Utilities;

namespace EpicZoom.Web.Tests.Portal;

/// <summary>
/// WCAG 2.2 AA for the portal's palette, light and dark: body text 4.5:1 on every surface it sits on, and the colours
/// MudBlazor draws text in (links, outlined and text buttons, alerts, chips) 4.5:1 too; filled buttons and chips 4.5:1
/// between their label and fill; UI parts such as field outlines and lights 3:1 (SC 1.4.11).
/// </summary>
public sealed class ThemeContrastTests
{
    public static TheoryData<string> Palettes => new() { "light", "dark" };

    [Theory]
    [MemberData(nameof(Palettes))]
    public void EveryTextColour_IsAtLeast4Point5To1_OnTheSurfacesItIsUsedOn(string name)
    {
        var p = Palette(name);
        var text = new (string Name, MudColor Colour)[]
        {
            ("TextPrimary", p.TextPrimary), ("TextSecondary", p.TextSecondary), ("ActionDefault", p.ActionDefault),
            ("Primary", p.Primary), ("Secondary", p.Secondary), ("Info", p.Info), ("Success", p.Success), ("Warning", p.Warning), ("Error", p.Error),
        };
        var surfaces = new (string Name, MudColor Colour)[] { ("Background", p.Background), ("Surface", p.Surface) };
        var pairs = text.SelectMany(t => surfaces.Select(s => ($"{t.Name} on {s.Name}", t.Colour, s.Colour)))
            .Append(("DrawerText on DrawerBackground", p.DrawerText, p.DrawerBackground))
            .Append(("AppbarText on AppbarBackground", p.AppbarText, p.AppbarBackground))
            .Append(("Primary on DrawerBackground (the active link)", p.Primary, p.DrawerBackground));

        AssertAll(pairs, 4.5);
    }

    [Theory]
    [MemberData(nameof(Palettes))]
    public void FilledButtonsAndChips_HaveReadableLabels(string name)
    {
        var p = Palette(name);
        AssertAll(
        [
            ("PrimaryContrastText on Primary", p.PrimaryContrastText, p.Primary),
            ("SecondaryContrastText on Secondary", p.SecondaryContrastText, p.Secondary),
            ("InfoContrastText on Info", p.InfoContrastText, p.Info),
            ("SuccessContrastText on Success", p.SuccessContrastText, p.Success),
            ("WarningContrastText on Warning", p.WarningContrastText, p.Warning),
            ("ErrorContrastText on Error", p.ErrorContrastText, p.Error),
        ], 4.5);
    }

    [Theory]
    [MemberData(nameof(Palettes))]
    public void FieldOutlinesAndLights_AreAtLeast3To1(string name)
    {
        var p = Palette(name);
        AssertAll(
        [
            ("LinesInputs on Surface", p.LinesInputs, p.Surface),
            ("Success (a green light) on Surface", p.Success, p.Surface),
            ("Error (a red light) on Surface", p.Error, p.Surface),
        ], 3.0);
    }

    [Theory]
    [InlineData("#ffffff", "#000000", 21.0)]
    [InlineData("#777777", "#ffffff", 4.48)]
    public void TheRatio_IsWcags(string a, string b, double expected) =>
        Assert.Equal(expected, Ratio(new MudColor(a), new MudColor(b)), 2);

    private static Palette Palette(string name) => name == "light" ? EpicZoomTheme.Create().PaletteLight : EpicZoomTheme.Create().PaletteDark;

    private static void AssertAll(IEnumerable<(string Name, MudColor Foreground, MudColor Background)> pairs, double minimum)
    {
        var failing = pairs.Select(x => (x.Name, Ratio: Ratio(x.Foreground, x.Background), Fg: x.Foreground.Value, Bg: x.Background.Value))
            .Where(x => x.Ratio < minimum).Select(x => $"{x.Name}: {x.Ratio:0.00}:1 ({x.Fg} on {x.Bg})").ToList();
        Assert.True(failing.Count == 0, $"below {minimum}:1: " + string.Join("; ", failing));
    }

    private static double Ratio(MudColor a, MudColor b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(MudColor c) => 0.2126 * Channel(c.R) + 0.7152 * Channel(c.G) + 0.0722 * Channel(c.B);

    private static double Channel(byte value)
    {
        var s = value / 255.0;
        return s <= 0.04045 ? s / 12.92 : Math.Pow((s + 0.055) / 1.055, 2.4);
    }
}
