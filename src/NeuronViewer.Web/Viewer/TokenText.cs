using Microsoft.AspNetCore.Components.Rendering;

namespace NeuronViewer.Web.Viewer;

/// <summary>Writes a token's text into a render tree as text (never markup), with newlines and tabs made visible.</summary>
public static class TokenText
{
    /// <summary>The visible mark for a newline; the newline itself follows it so copying and line breaks still work.</summary>
    public const string NewlineMark = "↵";

    /// <summary>The visible mark for a tab.</summary>
    public const string TabMark = "→";

    /// <summary>True when the token contains a newline (layouts that cannot rely on pre-wrap must break after it).</summary>
    public static bool HasNewline(string token) => token.Contains('\n', StringComparison.Ordinal);

    /// <summary>A one-line form of the token for labels and pills: newline and tab marks, other whitespace kept.</summary>
    public static string Visible(string token) =>
        token.Contains('\n', StringComparison.Ordinal) || token.Contains('\t', StringComparison.Ordinal) || token.Contains('\r', StringComparison.Ordinal)
            ? token.Replace("\r", "", StringComparison.Ordinal).Replace("\n", NewlineMark, StringComparison.Ordinal).Replace("\t", TabMark, StringComparison.Ordinal)
            : token;

    /// <summary>
    /// Adds the token's text (call it inside a region of its own, it numbers from 1): plain text when it has no newline or tab, otherwise text runs with
    /// an aria-hidden mark before each newline or tab, the real character kept after it.
    /// </summary>
    public static void Render(RenderTreeBuilder builder, string token)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (token.AsSpan().IndexOfAny('\n', '\t') < 0)
            builder.AddContent(1, token);
        else
            RenderWithMarks(builder, token);
    }

    private static void RenderWithMarks(RenderTreeBuilder builder, string token)
    {
        var start = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            if (c != '\n' && c != '\t')
                continue;
            if (i > start)
                builder.AddContent(3, token[start..i]);
            builder.OpenElement(4, "span");
            builder.AddAttribute(5, "class", "nv-ws");
            builder.AddAttribute(6, "aria-hidden", "true");
            builder.AddContent(7, c == '\n' ? NewlineMark : TabMark);
            builder.CloseElement();
            builder.AddContent(8, c == '\n' ? "\n" : "\t");
            start = i + 1;
        }
        if (start < token.Length)
            builder.AddContent(9, token[start..]);
    }
}
