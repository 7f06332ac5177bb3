using System.Linq.Expressions;
using System.Reflection;
using EpicZoom.Domain.Tenants;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EpicZoom.Infrastructure.Persistence.Conventions;

/// <summary>
/// The Domain's strongly typed ids (TenantId, VisitId, …: a struct wrapping one Guid) are stored as that Guid. They are
/// found in the Domain assembly, so a new id needs no line here or in any entity configuration.
/// </summary>
internal static class TypedIds
{
    /// <summary>Every typed id in the Domain: a value type named …Id with a Guid <c>Value</c> and a constructor taking it.</summary>
    public static IReadOnlyList<Type> InDomain { get; } = typeof(TenantId).Assembly.GetTypes()
        .Where(IsTypedId)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    public static void StoreAsGuids(ModelConfigurationBuilder configurationBuilder)
    {
        foreach (var id in InDomain)
            configurationBuilder.Properties(id).HaveConversion(typeof(TypedIdConverter<>).MakeGenericType(id));
    }

    private static bool IsTypedId(Type type) =>
        type is { IsValueType: true, IsEnum: false, IsGenericType: false }
        && type.Name.EndsWith("Id", StringComparison.Ordinal)
        && type.GetProperty("Value", BindingFlags.Public | BindingFlags.Instance)?.PropertyType == typeof(Guid)
        && type.GetConstructor([typeof(Guid)]) is not null;
}

/// <summary>Converts one typed id to its Guid and back (EF builds it with its parameterless constructor).</summary>
internal sealed class TypedIdConverter<TId>() : ValueConverter<TId, Guid>(ToGuid(), FromGuid())
    where TId : struct
{
    private static Expression<Func<TId, Guid>> ToGuid()
    {
        var id = Expression.Parameter(typeof(TId), "id");
        return Expression.Lambda<Func<TId, Guid>>(Expression.Property(id, "Value"), id);
    }

    private static Expression<Func<Guid, TId>> FromGuid()
    {
        var value = Expression.Parameter(typeof(Guid), "value");
        return Expression.Lambda<Func<Guid, TId>>(Expression.New(typeof(TId).GetConstructor([typeof(Guid)])!, value), value);
    }
}
