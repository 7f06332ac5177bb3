using MudBlazor;

namespace EpicZoom.Web.Components.Layout;

/// <summary>
/// The product's colours for the portal. The same blue, fonts and greys are in wwwroot/visit/visit.css for the patient
/// and clinician pages, which have no Blazor circuit. Every text colour here is at least 4.5:1 on its background and every field outline 3:1 (WCAG AA), as
/// ThemeContrastTests measures.
/// </summary>
internal static class EpicZoomTheme
{
    private const string DarkLabel = "#0b1220";

    private static readonly string[] Fonts = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5cab",
            Secondary = "#00695c",
            Info = "#0b5cab",
            Success = "#1e6b2f",
            Warning = "#8a5a00",
            Error = "#b3261e",
            AppbarBackground = "#0b3d73",
            AppbarText = "#ffffff",
            Background = "#f3f5f8",
            Surface = "#ffffff",
            DrawerBackground = "#ffffff",
            DrawerText = "#1d2433",
            TextPrimary = "#1d2433",
            TextSecondary = "#4a5261",
            ActionDefault = "#4a5261",

            // MudBlazor's default (#bdbdbd, 1.9:1 on white) is too faint for a field's outline (WCAG 1.4.11 wants 3:1).
            LinesInputs = "#7a818c",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8ab4f8",
            Secondary = "#4db6ac",
            Info = "#8ab4f8",
            Success = "#81c995",
            Warning = "#fdd663",
            Error = "#f28b82",
            AppbarBackground = "#0f1f36",
            AppbarText = "#e8eaed",
            Background = "#121826",
            Surface = "#1b2333",
            DrawerBackground = "#161d2b",
            DrawerText = "#e8eaed",
            TextPrimary = "#e8eaed",
            TextSecondary = "#bdc1c6",
            ActionDefault = "#bdc1c6",
            LinesDefault = "#3c4454",
            TableLines = "#3c4454",

            // The dark theme's colours are light: white labels on them were 1.4–2.4:1. A near-black label is 8:1 or more.
            PrimaryContrastText = DarkLabel,
            SecondaryContrastText = DarkLabel,
            InfoContrastText = DarkLabel,
            SuccessContrastText = DarkLabel,
            WarningContrastText = DarkLabel,
            ErrorContrastText = DarkLabel,
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = Fonts },
            H1 = new H1Typography { FontFamily = Fonts, FontSize = "1.6rem", FontWeight = "600", LineHeight = "1.3", LetterSpacing = "0" },
            H2 = new H2Typography { FontFamily = Fonts, FontSize = "1.2rem", FontWeight = "600", LineHeight = "1.3", LetterSpacing = "0" },
            Button = new ButtonTypography { FontFamily = Fonts, TextTransform = "none", FontWeight = "500" },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };
}
