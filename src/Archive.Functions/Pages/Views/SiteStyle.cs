namespace Archive.Functions.Pages.Views;

/// <summary>The site's stylesheet: system fonts only, nothing fetched from elsewhere, readable on a phone.</summary>
public static class SiteStyle
{
    /// <summary>The stylesheet.</summary>
    public const string Css = """
        :root { color-scheme: light dark; --ink: #1b1b1b; --paper: #fdfdfb; --muted: #5f6368; --line: #d9d9d4; --ins: #d7f5dd; --del: #fbdcdc; --accent: #0b5cad; }
        @media (prefers-color-scheme: dark) { :root { --ink: #e8e8e3; --paper: #161616; --muted: #a0a0a0; --line: #3a3a3a; --ins: #1f4a2a; --del: #5a2424; --accent: #7ab4f5; } }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--paper); color: var(--ink); font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
        header.site, main, footer { max-width: 54rem; margin: 0 auto; padding: 0.75rem 1rem; }
        header.site { display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; border-bottom: 1px solid var(--line); }
        header.site .brand { font-weight: 700; font-size: 1.2rem; text-decoration: none; }
        nav a { margin-right: 1rem; }
        a { color: var(--accent); }
        h1 { font-size: 1.6rem; line-height: 1.25; overflow-wrap: anywhere; }
        footer { color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); margin-top: 2rem; }
        form { display: grid; gap: 0.4rem; margin: 1rem 0 2rem; }
        input, textarea, button { font: inherit; padding: 0.5rem; border: 1px solid var(--line); border-radius: 4px; background: transparent; color: inherit; width: 100%; }
        button { background: var(--accent); color: #fff; border: 0; cursor: pointer; width: auto; justify-self: start; padding: 0.5rem 1.25rem; }
        form.inline { display: block; margin: 0.5rem 0 1rem; }
        .captures { padding-left: 1.25rem; } .captures li { margin: 0.5rem 0; overflow-wrap: anywhere; }
        .meta, .empty, .lede { color: var(--muted); font-size: 0.9rem; overflow-wrap: anywhere; }
        .badge { display: inline-block; font-size: 0.75rem; padding: 0 0.4rem; border-radius: 3px; border: 1px solid var(--line); }
        .badge-captured, .badge-archived, .badge-unchanged, .badge-not-modified { border-color: #2e7d32; }
        .badge-noise, .badge-changed-outside-text { border-color: #9e9d24; } .badge-suspect, .badge-failed { border-color: #c62828; }
        .noise { color: var(--muted); font-style: italic; }
        .outside { margin-top: .35em; font-size: .92em; }
        dl.facts { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.2rem 1rem; }
        dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; overflow-wrap: anywhere; }
        @media (max-width: 36rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dd { margin-bottom: 0.4rem; } }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 0.9rem; }
        th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
        code.hash { font-size: 0.8rem; overflow-wrap: anywhere; word-break: break-all; }
        .text p { margin: 0 0 1em; }
        .diff { white-space: pre-wrap; overflow-wrap: anywhere; }
        ins { background: var(--ins); text-decoration: none; } del { background: var(--del); }
        .pager a { margin-right: 1.5rem; }
        .ok { color: #2e7d32; font-weight: 600; } .broken, .error { color: #c62828; font-weight: 600; }
        blockquote { margin: 0.5rem 0; padding-left: 1rem; border-left: 3px solid var(--line); }
        """;
}
