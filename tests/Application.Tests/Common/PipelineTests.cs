using EpicZoom.Application.Common.Behaviours;
using EpicZoom.Application.Common.Exceptions;
using EpicZoom.Application.Tenants.CreateTenant;
using EpicZoom.Application.Tenants.GetJwks;
using EpicZoom.Application.Tenants.GetTenant;
using EpicZoom.Application.Tests.Support;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NSubstitute;

namespace EpicZoom.Application.Tests.Common;

/// <summary>The behaviours as AddApplication composes them: logging → unhandled exception → authorization → validation.</summary>
public sealed class PipelineTests : IDisposable
{
    private readonly TestApp app = new();

    private static CreateTenantCommand InvalidCommand()
    {
        var input = Inputs.Valid().WithSecrets();
        input.EpicFhirBaseUrl = "not a url";
        return new CreateTenantCommand(input);
    }

    [Fact]
    public async Task Behaviours_AreResolvedOutermostFirstInTheHouseOrder()
    {
        // MediatR 5 wraps the handler so that the first registered behaviour runs outermost.
        var order = await app.InScope(sp => Task.FromResult(
            sp.GetServices<IPipelineBehavior<CreateTenantCommand, CreatedTenantDto>>().Select(b => b.GetType().GetGenericTypeDefinition()).ToArray()));

        Assert.Equal([typeof(LoggingBehaviour<,>), typeof(UnhandledExceptionBehaviour<,>), typeof(AuthorizationBehaviour<,>), typeof(ValidationBehaviour<,>)], order);
    }

    [Fact]
    public async Task Send_WhenAnonymousCallerSendsAnInvalidAdminCommand_IsForbiddenBeforeValidation()
    {
        app.User.UserName.Returns((string?)null);
        app.User.IsInRole(Arg.Any<string>()).Returns(false);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.Send(InvalidCommand()));

        Assert.Empty(app.StoredTenants());
        app.Protector.DidNotReceiveWithAnyArgs().Protect(default!);
    }

    [Fact]
    public async Task Send_WhenNonAdminSendsAValidAdminCommand_IsForbiddenAndSavesNothing()
    {
        app.User.IsInRole(Arg.Any<string>()).Returns(false);

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.CreateTenant());

        Assert.Empty(app.StoredTenants());
        Assert.Empty(app.StoredAudit());
    }

    [Fact]
    public async Task Send_WhenAdminSendsAnInvalidCommand_FailsValidationBeforeTheHandler()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => app.Send(InvalidCommand()));

        Assert.Equal(["Input.EpicFhirBaseUrl"], ex.Errors.Keys);
        Assert.Empty(app.StoredTenants());
        app.Protector.DidNotReceiveWithAnyArgs().Protect(default!);
    }

    [Fact]
    public async Task Send_WhenAnonymousCallerAsksForAJwks_IsServed()
    {
        await app.CreateTenant(Inputs.Valid(orgId: "public-org"));
        app.User.UserName.Returns((string?)null);
        app.User.IsInRole(Arg.Any<string>()).Returns(false);

        Assert.Equal("{\"keys\":[]}", await app.Send(new GetJwksQuery("public-org")));
    }

    [Fact]
    public async Task Send_WhenTheHandlerFailsUnexpectedly_LogsTheTypesOnlyAndRethrows()
    {
        app.Protector.Protect(Arg.Any<string>()).Returns(_ => throw new InvalidOperationException("key ring unavailable"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => app.CreateTenant(Inputs.Valid().WithSecrets()));

        var error = Assert.Single(app.Logs.Lines, l => l.Level == LogLevel.Error);
        Assert.Equal("Request CreateTenantCommand failed with InvalidOperationException", error.Message);
        Assert.IsType<InvalidOperationException>(error.Exception);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Message.StartsWith("Handled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_WhenTheFailureIsExpected_LogsNoError()
    {
        await Assert.ThrowsAsync<ValidationException>(() => app.Send(InvalidCommand()));
        await Assert.ThrowsAsync<NotFoundException>(() => app.Send(new GetTenantQuery(Guid.NewGuid())));
        app.User.IsInRole(Arg.Any<string>()).Returns(false);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => app.CreateTenant());

        Assert.DoesNotContain(app.Logs.Lines, l => l.Level >= LogLevel.Warning);
    }

    [Fact]
    public async Task Send_LogsTheRequestTypeButNoValueOfTheRequest()
    {
        await app.CreateTenant(Inputs.Valid().WithSecrets());

        var handled = Assert.Single(app.Logs.Lines, l => l.Level == LogLevel.Information && l.Message.StartsWith("Handled", StringComparison.Ordinal));
        Assert.StartsWith("Handled CreateTenantCommand in ", handled.Message);
        var everything = string.Join("\n", app.Logs.Lines.Select(l => l.Message));
        Assert.All(Inputs.SecretValues.Append("Acme Health").Append("fhir.acme.org"),
            value => Assert.DoesNotContain(value, everything, StringComparison.Ordinal));
    }

    public void Dispose() => app.Dispose();
}
