using EpicZoom.Web.Common;

namespace EpicZoom.Web.Tests.Notifications;

/// <summary>OWASP CSV injection: a cell a spreadsheet would run as a formula opens as text.</summary>
public class CsvFileTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"https://evil.example\",\"click\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    public void Write_ACellStartingLikeAFormula_GetsALeadingQuote(string value)
    {
        var csv = CsvFile.Write([new { Name = value, Other = "ok" }]);

        var row = csv.Split("\r\n")[1];
        Assert.True(row.StartsWith("'", StringComparison.Ordinal) || row.StartsWith("\"'", StringComparison.Ordinal), row);
        Assert.EndsWith(",ok", row);
    }

    [Theory]
    [InlineData("Mercy Health")]
    [InlineData("12345")]
    [InlineData("a=b")]
    public void Write_AnOrdinaryCell_IsUnchanged(string value)
    {
        var csv = CsvFile.Write([new { Name = value }]);

        Assert.Equal($"Name\r\n{value}\r\n", csv);
    }
}
