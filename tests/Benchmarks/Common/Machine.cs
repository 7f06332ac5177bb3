using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;

namespace EpicZoom.Benchmarks.Common;

/// <summary>What every report says first: when, at which commit, on what machine and runtime.</summary>
internal static class Machine
{
    /// <summary>The date, machine and runtime lines of a report (Markdown list items).</summary>
    public static void Describe(TextWriter output)
    {
        output.WriteLine($"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; commit {Git("rev-parse --short HEAD")}{(Git("status --porcelain -- src") is { Length: > 0 } ? " (src modified)" : "")}");
        output.WriteLine($"- machine: {Environment.ProcessorCount} logical CPUs ({CpuModel()}), {MemoryGiB():0.0} GiB RAM, {RuntimeInformation.OSDescription.Trim()}");
        output.WriteLine($"- runtime: {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC, {(IsOptimised() ? "Release" : "Debug")} build");
        output.WriteLine($"- load average when the report was printed (1/5/15 min; this process included, anything else on the machine too): {LoadAverage()}");
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                   ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }

    public static double MemoryGiB() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024);

    public static bool IsOptimised() =>
        typeof(Machine).Assembly.GetCustomAttributes(typeof(DebuggableAttribute), false)
            .OfType<DebuggableAttribute>().All(d => !d.IsJITOptimizerDisabled);

    public static string Git(string arguments)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", arguments)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            });
            if (git is null) return "unknown";
            var text = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? text : "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }
}
