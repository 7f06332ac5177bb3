using EpicZoom.Application.Common.Exceptions;
using Microsoft.AspNetCore.Components.Forms;

namespace EpicZoom.Web.Common;

/// <summary>Puts a use case's validation errors on the form fields they belong to.</summary>
internal sealed class FormErrors
{
    private readonly EditContext context;
    private readonly ValidationMessageStore store;
    private readonly string prefix;

    public FormErrors(EditContext context, string prefix)
    {
        this.context = context;
        this.prefix = prefix;
        store = new ValidationMessageStore(context);
        // A field's server-side message goes away as soon as the admin edits it.
        context.OnFieldChanged += (_, e) =>
        {
            store.Clear(e.FieldIdentifier);
            context.NotifyValidationStateChanged();
        };
    }

    /// <summary>Messages that belong to no field on the form.</summary>
    public List<string> General { get; } = [];

    /// <summary>Every message on the form, the fields' and the general ones, for the summary above it.</summary>
    public IEnumerable<string> All => context.GetValidationMessages().Concat(General).Distinct();

    public bool Any => General.Count > 0 || context.GetValidationMessages().Any();

    public void Clear()
    {
        store.Clear();
        General.Clear();
        context.NotifyValidationStateChanged();
    }

    public void Show(ValidationException exception)
    {
        Clear();
        foreach (var (property, messages) in exception.Errors)
        {
            var name = property.StartsWith(prefix, StringComparison.Ordinal) ? property[prefix.Length..] : property;
            if (name.Length > 0 && !name.Contains('.') && !name.Contains('[') && context.Model.GetType().GetProperty(name) is not null)
                store.Add(new FieldIdentifier(context.Model, name), messages);
            else
                General.AddRange(messages);
        }
        context.NotifyValidationStateChanged();
    }
}
