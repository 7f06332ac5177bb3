using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace EpicZoom.Web.Common;

/// <summary>
/// Every CSV EpicZoom hands out. Cells are data a caller could have chosen (an Epic id, a tenant name), and
/// spreadsheets run a cell that starts with =, +, -, @, tab or CR as a formula: such a cell gets a leading single
/// quote (OWASP "CSV injection"), so it opens as the text it is.
/// </summary>
internal static class CsvFile
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        InjectionEscapeCharacter = '\'',
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
    };

    public static string Write<T>(IEnumerable<T> rows)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(text, Configuration))
        {
            csv.WriteRecords(rows);
        }
        return text.ToString();
    }

    public static IResult Result<T>(IEnumerable<T> rows, string fileName) =>
        Results.File(Encoding.UTF8.GetBytes(Write(rows)), "text/csv", fileName);
}
