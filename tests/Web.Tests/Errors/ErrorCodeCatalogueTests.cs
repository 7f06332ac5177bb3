using System.Reflection;
using System.Text.RegularExpressions;
using EpicZoom.Application.Launch.Common;

namespace EpicZoom.Web.Tests.Errors;

/// <summary>Marks a test that drives a launch end to end into the page with this code (see <see cref="ErrorCodeCatalogueTests"/>).</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class ReachesCodeAttribute(string code) : Attribute
{
    public string Code { get; } = code;
}

/// <summary>
/// docs/launch-errors.md is what IT reads when a clinician calls with a code: every code there is one the product can
/// show (a test reaches it end to end) or says plainly why it cannot be reached, and the product has no undocumented one.
/// </summary>
public sealed partial class ErrorCodeCatalogueTests
{
    private static readonly string Doc = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "launch-errors.md"));

    [Fact]
    public void EveryLaunchCode_IsDocumented_AndEveryDocumentedCodeExists()
    {
        var documented = Rows().Keys.ToHashSet();
        var defined = LaunchErrors.All.Select(e => e.Code).ToHashSet();

        Assert.Empty(defined.Except(documented));
        Assert.Empty(documented.Except(defined));
    }

    [Fact]
    public void EveryDocumentedCode_IsReachedByATest_OrMarkedUnreachable()
    {
        var reached = typeof(ErrorCodeCatalogueTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
            .SelectMany(m => m.GetCustomAttributes<ReachesCodeAttribute>())
            .Select(a => a.Code).ToHashSet();

        var unaccounted = Rows().Where(r => !reached.Contains(r.Key) && !r.Value.Contains("**unreachable", StringComparison.OrdinalIgnoreCase))
            .Select(r => r.Key).ToList();

        Assert.Empty(unaccounted);
    }

    [Fact]
    public void ACodeMarkedUnreachable_HasNoTestClaimingToReachIt()
    {
        var reached = typeof(ErrorCodeCatalogueTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods()).SelectMany(m => m.GetCustomAttributes<ReachesCodeAttribute>()).Select(a => a.Code).ToHashSet();

        Assert.Empty(Rows().Where(r => r.Value.Contains("**unreachable", StringComparison.OrdinalIgnoreCase) && reached.Contains(r.Key)).Select(r => r.Key));
    }

    private static Dictionary<string, string> Rows() =>
        TableRow().Matches(Doc).ToDictionary(m => m.Groups[1].Value, m => m.Value);

    [GeneratedRegex(@"^\| (EZ-L\d{3}) \|.*$", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EpicZoom.sln"))) return dir.FullName;
        throw new InvalidOperationException("EpicZoom.sln not found above the test binaries");
    }
}
