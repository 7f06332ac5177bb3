using MudBlazor;

namespace EpicZoom.Web.Common;

internal static class DialogServiceExtensions
{
    /// <summary>Asks before something is removed for good; true only when the admin pressed the red button.</summary>
    public static async Task<bool> ConfirmDestructiveAsync(this IDialogService dialogs, string title, string message, string confirmText = "Delete")
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, title },
            { d => d.Message, message },
            { d => d.ConfirmText, confirmText },
        };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: true };
    }
}
