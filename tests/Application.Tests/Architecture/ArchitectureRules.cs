using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using FluentValidation;
using MediatR;

namespace EpicZoom.Application.Tests.Architecture;

/// <summary>The house rules as functions returning the offenders, so a test can also prove each rule catches one.</summary>
internal static class ArchitectureRules
{
    public static IEnumerable<string> ForbiddenReferences(Assembly assembly, params string[] forbiddenPrefixes) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!)
            .Where(name => forbiddenPrefixes.Any(p => name.Equals(p, StringComparison.Ordinal) || name.StartsWith(p + ".", StringComparison.Ordinal)));

    /// <summary>
    /// Types from <paramref name="forbidden"/> (a namespace, or one full type name) that the assembly's IL uses anywhere:
    /// a catch filter's <c>is HttpRequestException</c> counts, though it adds no member to any type.
    /// </summary>
    public static IEnumerable<string> ForbiddenTypeReferences(Assembly assembly, params string[] forbidden)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        return metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(type => $"{metadata.GetString(type.Namespace)}.{metadata.GetString(type.Name)}")
            .Where(name => forbidden.Any(f => name.Equals(f, StringComparison.Ordinal) || name.StartsWith(f + ".", StringComparison.Ordinal)))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static IEnumerable<Type> Requests(IEnumerable<Type> types) =>
        types.Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IBaseRequest).IsAssignableFrom(t));

    public static IEnumerable<Type> Handlers(IEnumerable<Type> types) =>
        types.Where(t => t is { IsClass: true, IsAbstract: false } && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)));

    public static IEnumerable<Type> Validators(IEnumerable<Type> types) =>
        types.Where(t => t is { IsClass: true, IsAbstract: false } && InheritsAbstractValidator(t));

    public static IEnumerable<Type> BadlyShapedRequests(IEnumerable<Type> types) =>
        Requests(types).Where(t => !t.IsSealed || !IsRecord(t) || !(t.Name.EndsWith("Command", StringComparison.Ordinal) || t.Name.EndsWith("Query", StringComparison.Ordinal)));

    public static IEnumerable<Type> BadlyNamedHandlers(IEnumerable<Type> types) =>
        Handlers(types).Where(t => !t.Name.EndsWith("Handler", StringComparison.Ordinal));

    public static IEnumerable<Type> BadlyNamedValidators(IEnumerable<Type> types) =>
        Validators(types).Where(t => !t.Name.EndsWith("Validator", StringComparison.Ordinal));

    // The compiler gives every record a hidden clone method; no plain class has one.
    private static bool IsRecord(Type t) => t.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null;

    private static bool InheritsAbstractValidator(Type t)
    {
        for (var b = t.BaseType; b is not null; b = b.BaseType)
        {
            if (b.IsGenericType && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>)) return true;
        }
        return false;
    }
}
