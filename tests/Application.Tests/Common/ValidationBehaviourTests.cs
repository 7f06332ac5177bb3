using EpicZoom.Application.Common.Behaviours;
using ValidationException = EpicZoom.Application.Common.Exceptions.ValidationException;
using FluentValidation;
using MediatR;

namespace EpicZoom.Application.Tests.Common;

public sealed record ValidationProbeCommand(string Name, int Count) : IRequest<string>;

public class ValidationBehaviourTests
{
    private int nextCalls;

    private Task<string> Run(ValidationProbeCommand request, params IValidator<ValidationProbeCommand>[] validators) =>
        new ValidationBehaviour<ValidationProbeCommand, string>(validators).Handle(request, CancellationToken.None, () =>
        {
            nextCalls++;
            return Task.FromResult("handled");
        });

    private static InlineValidator<ValidationProbeCommand> First()
    {
        var v = new InlineValidator<ValidationProbeCommand>();
        v.RuleFor(c => c.Name).NotEmpty().WithMessage("Name is required.");
        v.RuleFor(c => c.Count).GreaterThan(0).WithMessage("Count must be positive.");
        return v;
    }

    private static InlineValidator<ValidationProbeCommand> Second()
    {
        var v = new InlineValidator<ValidationProbeCommand>();
        v.RuleFor(c => c.Name).NotEmpty().WithMessage("Name is required.");
        v.RuleFor(c => c.Name).MustAsync(async (name, ct) =>
        {
            await Task.Yield();
            return name.StartsWith('x');
        }).WithMessage("Name must start with x.");
        return v;
    }

    [Fact]
    public async Task Handle_WhenValidatorsFail_ThrowsOneExceptionWithEveryErrorGroupedByProperty()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Run(new ValidationProbeCommand("", 0), First(), Second()));

        Assert.Equal(2, ex.Errors.Count);
        Assert.Equal(["Name is required.", "Name must start with x."], ex.Errors["Name"]);
        Assert.Equal(["Count must be positive."], ex.Errors["Count"]);
        Assert.Equal(0, nextCalls);
    }

    [Fact]
    public async Task Handle_WhenOnlyAnAsyncRuleFails_ReportsIt()
    {
        var ex = await Assert.ThrowsAsync<ValidationException>(() => Run(new ValidationProbeCommand("abc", 1), First(), Second()));

        Assert.Equal(["Name"], ex.Errors.Keys);
        Assert.Equal(0, nextCalls);
    }

    [Fact]
    public async Task Handle_WhenEveryValidatorPasses_RunsTheHandlerOnce()
    {
        Assert.Equal("handled", await Run(new ValidationProbeCommand("xyz", 1), First(), Second()));
        Assert.Equal(1, nextCalls);
    }

    [Fact]
    public async Task Handle_WhenRequestHasNoValidator_RunsTheHandler()
    {
        Assert.Equal("handled", await Run(new ValidationProbeCommand("", 0)));
        Assert.Equal(1, nextCalls);
    }

    [Fact]
    public void ValidationException_ForOneField_CarriesThatFieldAndMessage()
    {
        var ex = new ValidationException("Input.OrgId", "Taken.");

        Assert.Equal(["Taken."], Assert.Single(ex.Errors, e => e.Key == "Input.OrgId").Value);
    }
}
