using Xunit.Abstractions;
using Xunit.Sdk;

namespace EpicZoom.Cluster.Tests;

/// <summary>Runs a class's tests by <see cref="OrderAttribute"/>: the one that kills an instance comes last.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OrderAttribute(int value) : Attribute
{
    public int Value { get; } = value;
}

public sealed class ByOrderAttribute : ITestCaseOrderer
{
    public const string TypeName = "EpicZoom.Cluster.Tests.ByOrderAttribute";
    public const string AssemblyName = "EpicZoom.Cluster.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.GetCustomAttributes(typeof(OrderAttribute).AssemblyQualifiedName).FirstOrDefault()?.GetConstructorArguments().FirstOrDefault() as int? ?? int.MaxValue);
}
