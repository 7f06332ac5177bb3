using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace EpicZoom.Sandbox.Common;

/// <summary>Small server-rendered pages; every dynamic value passes through <see cref="E"/>.</summary>
internal static class Html
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:2rem;max-width:60rem;color:#1d2433}
        h1{font-size:1.4rem} table{border-collapse:collapse} td,th{padding:.3rem .6rem;border-bottom:1px solid #ddd;text-align:left}
        label{display:block;margin:.4rem 0} input,select{margin-left:.5rem;padding:.2rem}
        button{padding:.35rem .9rem;margin:.2rem} .error{color:#a40000} .muted{color:#667}
        .light{display:inline-block;width:.9rem;height:.9rem;border-radius:50%;vertical-align:middle;margin-right:.4rem}
        .on{background:#1a9c3c} .off{background:#aaa} .sandbox{background:#fff3c4;padding:.3rem .6rem;border-radius:4px}
        """;

    public static string E(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <summary>A whole page; <paramref name="body"/> and <paramref name="head"/> must already be encoded.</summary>
    public static IResult Page(string title, string body, int statusCode = StatusCodes.Status200OK, string head = "")
    {
        var html = $"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>{E(title)}</title>
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <style>{Style}</style>{head}</head>
            <body><p class="sandbox">EpicZoom sandbox: simulated, not the real service.</p>
            <h1>{E(title)}</h1>
            {body}
            </body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }

    public static IResult Error(string title, string message, int statusCode) =>
        Page(title, $"<p class=\"error\">{E(message)}</p>", statusCode);
}
