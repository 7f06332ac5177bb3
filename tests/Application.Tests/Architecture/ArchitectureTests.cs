using System.Reflection;
using EpicZoom.Application.Tenants.CreateTenant;
using EpicZoom.Domain.Tenants;
using FluentValidation;
using MediatR;
using static EpicZoom.Application.Tests.Architecture.ArchitectureRules;

namespace EpicZoom.Application.Tests.Architecture;

public class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Tenant).Assembly;
    private static readonly Assembly Application = typeof(CreateTenantCommand).Assembly;
    private static readonly Type[] ApplicationTypes = Application.GetTypes();

    [Fact]
    public void TheRulesLookAtTheProductionAssemblies()
    {
        Assert.Equal("EpicZoom.Domain", Domain.GetName().Name);
        Assert.Equal("EpicZoom.Application", Application.GetName().Name);
    }

    [Fact]
    public void Domain_ReferencesNoOtherLayerAndNoFramework()
    {
        Assert.Empty(ForbiddenReferences(Domain, "EpicZoom", "MediatR", "FluentValidation", "Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"));
    }

    [Fact]
    public void Application_ReferencesDomainButNotInfrastructureOrWeb()
    {
        Assert.Contains("EpicZoom.Domain", Application.GetReferencedAssemblies().Select(a => a.Name));
        Assert.Empty(ForbiddenReferences(Application, "EpicZoom.Infrastructure", "EpicZoom.Web", "EpicZoom.Sandbox", "Microsoft.AspNetCore"));
    }

    /// <summary>
    /// Transport is Infrastructure's business: handlers see typed outcomes and one …UnavailableException per system,
    /// never HttpClient's exceptions or a time-out to catch.
    /// </summary>
    [Fact]
    public void Application_UsesNoHttpClientTypesAndCatchesNoTimeouts()
    {
        Assert.Empty(ForbiddenTypeReferences(Application, TransportTypes));
    }

    [Fact]
    public void Requests_AreSealedRecordsNamedCommandOrQuery()
    {
        Assert.True(Requests(ApplicationTypes).Count() >= 8);
        Assert.Empty(BadlyShapedRequests(ApplicationTypes));
    }

    [Fact]
    public void Handlers_AreNamedHandler()
    {
        Assert.True(Handlers(ApplicationTypes).Count() >= 8);
        Assert.Empty(BadlyNamedHandlers(ApplicationTypes));
    }

    [Fact]
    public void Validators_AreNamedValidator()
    {
        Assert.True(Validators(ApplicationTypes).Count() >= 5);
        Assert.Empty(BadlyNamedValidators(ApplicationTypes));
    }

    [Fact]
    public void EveryRequestHasExactlyOneHandler()
    {
        var handled = Handlers(ApplicationTypes)
            .SelectMany(h => h.GetInterfaces().Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IRequestHandler<,>)))
            .Select(i => i.GetGenericArguments()[0]).ToList();

        Assert.Equal(Requests(ApplicationTypes).OrderBy(t => t.Name), handled.OrderBy(t => t.Name));
    }

    // Proof that each rule can fail: it flags deliberately wrong types.
    [Fact]
    public void TheRules_FlagTypesThatBreakThem()
    {
        Type[] offenders = [typeof(NotARecordQuery), typeof(OpenRecordQuery), typeof(SealedRecordRequest), typeof(TenantProcessor), typeof(TenantRules)];

        Assert.Equal([typeof(NotARecordQuery), typeof(OpenRecordQuery), typeof(SealedRecordRequest)], BadlyShapedRequests(offenders));
        Assert.Equal([typeof(TenantProcessor)], BadlyNamedHandlers(offenders));
        Assert.Equal([typeof(TenantRules)], BadlyNamedValidators(offenders));
        Assert.Equal(["MediatR"], ForbiddenReferences(Application, "MediatR"));
        Assert.Equal(["EpicZoom.Domain"], ForbiddenReferences(Application, "EpicZoom.Domain"));
        Assert.Equal(["System.Net.Http.HttpRequestException", "System.TimeoutException"], ForbiddenTypeReferences(typeof(TransportCatcher).Assembly, TransportTypes));
    }

    private static readonly string[] TransportTypes = ["System.Net.Http", "System.TimeoutException"];

    /// <summary>What a handler must not do, so the transport rule has an offender to find (in this test assembly).</summary>
    private static class TransportCatcher
    {
        public static bool Catches(Func<Task> call)
        {
            try
            {
                call().GetAwaiter().GetResult();
                return false;
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
            {
                return true;
            }
        }
    }

    private sealed class NotARecordQuery : IRequest<int>;

    private record OpenRecordQuery : IRequest<int>;

    private sealed record SealedRecordRequest : IRequest<int>;

    private sealed class TenantProcessor : IRequestHandler<NotARecordQuery, int>
    {
        public Task<int> Handle(NotARecordQuery request, CancellationToken cancellationToken) => Task.FromResult(0);
    }

    private sealed class TenantRules : AbstractValidator<NotARecordQuery>;
}
