using MudBlazor;

namespace EpicZoom.Web.Common;

internal static class DialogServiceExtensions
{
    /// <summary>Asks before something is removed for good; true only when the admin pressed the red button.</summary>
    public static Task<bool> ConfirmDestructiveAsync(this IDialogService dialogs, string title, string message, string confirmText = "Delete") =>
        ConfirmAsync(dialogs, title, message, confirmText, cancelText: "Keep", destructive: true);

    /// <summary>Asks before something with consequences that removes nothing (a replay to Epic); true only when confirmed.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, string title, string message, string confirmText, string cancelText = "Cancel",
        bool destructive = false)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
            { d => d.CancelText, cancelText },
            { d => d.Destructive, destructive },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: true };
    }
}
