using NeuronViewer.Explainers.Configuration;
using NeuronViewer.Web.Security;

namespace NeuronViewer.Web.Operations;

/// <summary>One row of /settings: the setting, its effective value, where the value comes from, and a problem if it is not usable.</summary>
public sealed record SettingRow(string Name, string Key, string Value, string From, string? Problem)
{
    /// <summary>A row for a configuration key: its value (or default) and the source that wins.</summary>
    public static SettingRow Of(IConfiguration configuration, string name, string key, string fallback, string? problem = null)
    {
        var value = configuration[key];
        var origin = ConfigurationOrigin.Of(configuration, key);
        return new SettingRow(name, key, string.IsNullOrEmpty(value) ? fallback : value,
            origin == ConfigurationOrigin.None || string.IsNullOrEmpty(value) ? "default" : origin.Name, problem);
    }
}
