using EpicZoom.Application.Alerts.Common;
using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Interfaces.External;
using EpicZoom.Application.Common.Security;
using MediatR;

namespace EpicZoom.Application.Alerts.SendTestAlert;

/// <summary>The alerts page's Test button: posts a test alert to the current destination now and says how it went.</summary>
[Authorize(Roles = AppRoles.Administrator)]
public sealed record SendTestAlertCommand : IRequest<TestAlertResult>;

/// <param name="Sent">Whether the receiver answered 2xx.</param>
/// <param name="Message">What the admin reads (the host, the status, or why nothing was sent); never the URL.</param>
public sealed record TestAlertResult(bool Sent, string Message);

internal sealed class SendTestAlertCommandHandler(
    IAppDbContext db, ISecretProtector protector, IAlertWebhook webhook, Common.Alerts alerts)
    : IRequestHandler<SendTestAlertCommand, TestAlertResult>
{
    public async Task<TestAlertResult> Handle(SendTestAlertCommand request, CancellationToken cancellationToken)
    {
        var url = await alerts.DestinationAsync(db, protector, cancellationToken);
        if (url is null) return new TestAlertResult(false, "No alert webhook is set: enter one first.");
        var host = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.IdnHost : "the alert webhook";
        var answer = await webhook.SendAsync(url,
            "EpicZoom test alert, sent from the alerts page. Alerts about failed reports, Epic errors and inbox lag arrive here.",
            cancellationToken);
        return answer.Delivered
            ? new TestAlertResult(true, $"Sent: {host} answered {answer.StatusCode}.")
            : new TestAlertResult(false, answer.StatusCode == 0
                ? $"Not sent: {host} could not be reached ({answer.Problem})."
                : $"Not sent: {host} answered {answer.StatusCode}{(answer.Problem is { Length: > 0 } p ? $" ({p})" : "")}.");
    }
}
