using EpicZoom.Application.Common.Interfaces;
using EpicZoom.Application.Common.Security;
using MediatR;

namespace EpicZoom.Application.Accounts.ListLocalAccounts;

/// <summary>Every local (break-glass) account, by user name. SSO users have no local account and are not listed.</summary>
[Authorize(Roles = AppRoles.Administrator)]
public sealed record ListLocalAccountsQuery : IRequest<IReadOnlyList<LocalAccountDto>>;

internal sealed class ListLocalAccountsQueryHandler(ILocalAccounts accounts) : IRequestHandler<ListLocalAccountsQuery, IReadOnlyList<LocalAccountDto>>
{
    public Task<IReadOnlyList<LocalAccountDto>> Handle(ListLocalAccountsQuery request, CancellationToken cancellationToken) =>
        accounts.ListAsync(cancellationToken);
}
