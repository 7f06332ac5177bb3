using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EpicZoom.Infrastructure.Configuration;

/// <summary>
/// Options bound from one configuration section and checked by one validator, both at start-up (ValidateOnStart) and,
/// for the few values needed while services are still being registered (the data folder, the database provider),
/// right then with the same validator, so a bad value stops the host with the same message either way.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
        return services.AddOptions<TOptions>().Bind(section).ValidateOnStart();
    }

    /// <summary>The section bound now and validated; throws <see cref="OptionsValidationException"/> naming every bad key.</summary>
    public static TOptions ReadNow<TOptions>(IConfiguration section, IValidateOptions<TOptions> validator, Action<IConfiguration, TOptions>? bindFrom = null)
        where TOptions : class, new()
    {
        var options = new TOptions();
        if (bindFrom is null) section.Bind(options);
        else bindFrom(section, options);
        var result = validator.Validate(Options.DefaultName, options);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(TOptions), result.Failures);
        return options;
    }

    /// <summary>An absolute http:// or https:// URL, the only kind the app can hand out or call.</summary>
    public static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host);
}
