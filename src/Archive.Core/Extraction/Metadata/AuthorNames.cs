using System.Text.RegularExpressions;

namespace Archive.Core.Extraction.Metadata;

/// <summary>
/// Turns what a page gives as its authors into names: "By Jane Doe and John Roe • Nov. 14, 2025 at 9:24 pm ET • 2 min
/// read" becomes "Jane Doe", "John Roe". Dates, times, reading times, labels ("Updated"), social handles, job titles
/// and credentials are cut; lists are split at commas, "and" and its kin; what follows "Reviewed by" or "Photo by" is
/// not an author; an author-profile address becomes the name in it; anything that does not read as a name is dropped.
/// </summary>
internal static partial class AuthorNames
{
    /// <summary>At most this many names are kept.</summary>
    public const int MaxNames = 20;

    /// <summary>Names longer than this are taken for sentences.</summary>
    public const int MaxLength = 60;

    private static readonly string[] Prefixes =
    [
        "written by", "words by", "story by", "text by", "report by", "reporting by", "posted by", "published by", "article by",
        "authored by", "compiled by", "by", "author", "authors", "autor", "autora", "autores", "autorin", "auteur", "auteurs",
        "autore", "autori", "von", "por", "par", "di", "door", "av", "af", "oleh", "автор", "авторы", "текст", "text", "texto", "texte",
    ];

    // What follows these is someone else: a reviewer, an editor, a photographer.
    private static readonly string[] OtherRoles =
    [
        "reviewed by", "medically reviewed", "fact checked", "fact-checked", "edited by", "updated by", "photo", "photos", "photograph",
        "illustration", "video by", "additional reporting", "with reporting", "translated by", "produced by", "graphics by",
        "image", "images", "foto", "fotos", "bild", "redigiert", "traduit", "traducido",
    ];

    private static readonly string[] Conjunctions = [" and ", " & ", " und ", " et ", " y ", " e ", " i ", " и ", " og ", " och ", " en "];

    // Words that never stand in a name: prompts, widgets, verbs of comment threads, date talk.
    private static readonly HashSet<string> NotNameWords = new(StringComparer.Ordinal)
    {
        "says", "said", "wrote", "writes", "comment", "comments", "reply", "replies", "share", "shares", "follow", "following",
        "followers", "read", "reading", "min", "mins", "minute", "minutes", "ago", "updated", "update", "published", "posted",
        "views", "view", "likes", "like", "subscribe", "login", "log", "sign", "more", "all", "profile", "posts", "articles",
        "email", "print", "menu", "home", "search", "click", "here", "loading", "advertisement", "sponsored", "listen", "audio",
        "video", "photo", "image", "facebook", "twitter", "linkedin", "instagram", "whatsapp", "pinterest", "reddit", "youtube",
        "tiktok", "telegram", "copy", "link", "save", "bookmark", "tweet", "pin", "policies", "policy", "privacy", "terms", "learn", "on", "at", "in", "is", "are", "was", "were", "this", "that",
        "about", "contact", "bio", "see", "show", "hide", "name", "your", "you", "we", "yesterday", "today", "hours",
        "days", "weeks", "months", "years", "monday", "tuesday", "wednesday", "thursday", "friday",
        "saturday", "sunday", "am", "pm", "et", "pt", "utc", "gmt", "est", "edt", "pst", "pdt", "cet", "cest", "bst",
        "aktualisiert", "veröffentlicht", "publié", "publicado", "atualizado", "actualizado", "aggiornato", "pubblicato", "lesezeit",
        "обновлено", "опубликовано",
    };

    // Job titles: a byline's second line ("Senior Reporter", "Editor at Example") is not a name.
    private static readonly HashSet<string> RoleWords = new(StringComparer.Ordinal)
    {
        "editor", "writer", "reporter", "correspondent", "contributor", "columnist", "consultant", "founder", "cofounder", "co-founder",
        "ceo", "cto", "cmo", "coo", "cfo", "manager", "director", "expert", "analyst", "journalist", "specialist", "strategist",
        "officer", "president", "intern", "producer", "photographer", "researcher", "scientist", "engineer", "developer", "designer",
        "marketer", "coordinator", "head", "chief", "senior", "associate", "assistant", "freelance", "freelancer", "advisor", "adviser",
        "lecturer", "instructor", "coach", "therapist", "nutritionist", "dietitian", "trainer", "owner", "executive", "anchor",
        "presenter", "redakteur", "redakteurin", "journalistin", "korrespondent", "korrespondentin", "rédacteur", "rédactrice",
        "journaliste", "periodista", "redactor", "redactora", "jornalista", "giornalista", "корреспондент", "журналист", "редактор",
    };

    private static readonly HashSet<string> ProfileFolders = new(StringComparer.OrdinalIgnoreCase)
    {
        "author", "authors", "writer", "writers", "people", "person", "staff", "profile", "profiles", "contributor", "contributors",
        "autor", "autores", "autoren", "auteur", "auteurs", "autore", "autori", "redacteur", "redaktion", "journalist", "journalists",
        "team", "by", "columnist", "columnists", "reporter", "reporters", "experts", "expert",
    };

    /// <summary>
    /// The names in <paramref name="values"/>, each value cleaned and split, duplicates dropped. A byline that names
    /// no one but a role ("Staff Writer", "AAA Travel Editor") keeps the role: it is all the page says.
    /// </summary>
    public static List<string> Clean(IEnumerable<string?> values)
    {
        var names = new List<string>();
        var roles = new List<string>();
        foreach (var value in values)
        {
            foreach (var (name, isRole) in Split(value))
            {
                var list = isRole ? roles : names;
                if (list.Count < MaxNames && !list.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    list.Add(name);
                }
            }
        }

        return names.Count > 0 ? names : roles;
    }

    /// <summary>"Roy, Aniruddha" as "Aniruddha Roy": a name written family name first, as citation tags do; anything else unchanged.</summary>
    public static string FromSortName(string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0 && !IsCredential(parts[1]) && !HasRoleWord(parts[1]) &&
               parts.All(p => p.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length <= 3)
            ? parts[1] + " " + parts[0]
            : value;
    }

    /// <summary>True when <paramref name="href"/> (absolute or relative) is the address of an author's page: "/author/jane-doe/".</summary>
    public static bool IsProfilePath(string href)
    {
        // Most links are not to authors: a path needs two segments after its host, so two slashes beyond any scheme.
        if (href.Length < 4 || href.AsSpan().Count('/') < 2)
        {
            return false;
        }

        var path = href.AsSpan();
        var scheme = path.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            var slash = path[(scheme + 3)..].IndexOf('/');
            path = slash < 0 ? [] : path[(scheme + 3 + slash)..];
        }

        var query = path.IndexOfAny('?', '#');
        path = (query >= 0 ? path[..query] : path).TrimEnd('/');
        var last = path.LastIndexOf('/');
        if (last <= 0 || path.Length - last - 1 < 2)
        {
            return false;
        }

        var folder = path[..last];
        folder = folder[(folder.LastIndexOf('/') + 1)..];
        return ProfileFolderLookup.Contains(folder);
    }

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> ProfileFolderLookup = ProfileFolders.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The name in an author-profile address ("https://example.com/author/jane-doe/" gives "Jane Doe"), or null.</summary>
    public static string? FromProfileUrl(string value)
    {
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < segments.Length - 1; i++)
        {
            if (!ProfileFolders.Contains(segments[i]))
            {
                continue;
            }

            var words = Uri.UnescapeDataString(segments[i + 1]).Split(['-', '_', '.', '+'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length is < 1 or > 5 || !words.All(w => w.All(char.IsLetter)))
            {
                return null;
            }

            var name = string.Join(' ', words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
            return IsPlausible(name) ? name : null;
        }

        return null;
    }

    /// <summary>True when <paramref name="name"/> reads as the name of a person or an organisation, not a sentence, a date or a prompt.</summary>
    public static bool IsPlausible(string name) => IsPlausible(name, allowRoles: false);

    private static bool IsPlausible(string name, bool allowRoles)
    {
        if (name.Length is < 2 or > MaxLength || !char.IsLetter(name[0]) || name.AsSpan().IndexOfAny(NotInNames) >= 0)
        {
            return false;
        }

        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length > 6)
        {
            return false;
        }

        foreach (var word in words)
        {
            var lower = word.Trim('.', ',', '(', ')', '’', '\'').ToLowerInvariant();
            if (NotNameWords.Contains(lower) || (!allowRoles && RoleWords.Contains(lower)) || (words.Length == 1 && DateText.MonthOf(lower) > 0))
            {
                return false;
            }
        }

        // "even with titles" is a piece of a sentence; "kirstin boatto" is a name typed in lower case.
        if (words.Length > 1 && words.All(w => !char.IsUpper(w[0])) && words.Any(w => FunctionWords.Contains(w)))
        {
            return false;
        }

        return !IsLabel(name);
    }

    private static readonly HashSet<string> FunctionWords = new(StringComparer.Ordinal)
    {
        "the", "a", "an", "to", "of", "for", "with", "from", "and", "or", "but", "if", "as", "by", "it", "be", "not", "no", "so",
        "even", "than", "then", "there", "their", "they", "he", "she", "his", "her", "its", "who", "what", "which", "when",
    };

    private static IEnumerable<(string Name, bool IsRole)> Split(string? value)
    {
        var text = MetadataText.Clean(value);
        if (string.IsNullOrEmpty(text) || text.Length > 1000)
        {
            yield break;
        }

        if (text.Contains("://", StringComparison.Ordinal))
        {
            if (FromProfileUrl(text) is { } fromUrl)
            {
                yield return (fromUrl, false);
            }

            yield break;
        }

        // Markup inside a declared name ("Mara Quill<img src=x onerror=...>") is not part of it.
        if (text.Contains('<', StringComparison.Ordinal))
        {
            text = Markup().Replace(text, " | ");
        }

        text = CutDateTalk(text);
        foreach (var segment in Segments().Split(text))
        {
            // "Jane Doe, Senior Reporter, The Daily": after a job title comes its employer, not another author.
            var afterTitle = false;
            var first = true;
            foreach (var rawPiece in segment.Split(','))
            {
                var afterName = !first;
                first = false;
                var piece = StripHandles(rawPiece).Trim(' ', '.', ',', ':', '-', '(', ')', '*');
                if (piece.Length == 0)
                {
                    continue;
                }

                if (StartsWithAny(piece, OtherRoles))
                {
                    // Everything after "Reviewed by" or "Photo:" names someone other than an author.
                    yield break;
                }

                piece = StripPrefixes(piece);
                var behalf = piece.IndexOf("on behalf of", StringComparison.OrdinalIgnoreCase);
                if (behalf >= 0)
                {
                    // "Jane Doe on behalf of the Example Group": the group is not an author.
                    if (IsPlausible(piece[..behalf].Trim()))
                    {
                        yield return (piece[..behalf].Trim(), false);
                    }

                    yield break;
                }

                if (piece.Length == 0 || (afterName && IsCredential(piece)) || Conjunctions.Any(c => piece.Equals(c.Trim(), StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                if (afterTitle || HasRoleWord(piece))
                {
                    // Only the title itself may stand in for a name, not the employer after it.
                    if (!afterTitle && IsPlausible(piece, allowRoles: true))
                    {
                        yield return (piece, true);
                    }

                    afterTitle = true;
                    continue;
                }

                foreach (var part in SplitConjunctions(piece))
                {
                    if (IsPlausible(part))
                    {
                        yield return (part, false);
                    }
                }
            }
        }
    }

    private static bool HasRoleWord(string piece)
    {
        foreach (var word in piece.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (RoleWords.Contains(word.Trim('.', ',', '(', ')').ToLowerInvariant()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Dates, times of day and reading times become separators.</summary>
    private static string CutDateTalk(string text)
    {
        if (!text.AsSpan().ContainsAny("0123456789"))
        {
            return text;
        }

        var dates = DateText.Find(text, monthFirst: true);
        for (var i = dates.Count - 1; i >= 0; i--)
        {
            text = text[..dates[i].Index] + " | " + text[(dates[i].Index + dates[i].Length)..];
        }

        text = ReadingTime().Replace(text, " | ");
        text = TimeOfDay().Replace(text, " | ");
        return PartialDate().Replace(text, match => DateText.MonthOf(match.Groups["month"].Value) > 0 ? " | " : match.Value);
    }

    private static string StripHandles(string piece)
    {
        if (!piece.Contains('@', StringComparison.Ordinal))
        {
            return piece;
        }

        // "Jane Doe (@janedoe)" keeps the name; a bare "@janedoe" is a handle, not a name.
        return Handle().Replace(piece, "").Trim();
    }

    private static string StripPrefixes(string piece)
    {
        var changed = true;
        while (changed && piece.Length > 0)
        {
            changed = false;
            foreach (var prefix in Prefixes)
            {
                if (piece.Length > prefix.Length && piece.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !char.IsLetter(piece[prefix.Length]))
                {
                    piece = piece[prefix.Length..].TrimStart(' ', ':', '-', '—', '–');
                    changed = true;
                    break;
                }

                if (piece.Equals(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    return "";
                }
            }
        }

        return piece;
    }

    /// <summary>"Jane Doe and John Roe" is two names; "Center for Drug Evaluation and Research" is one.</summary>
    private static IEnumerable<string> SplitConjunctions(string piece)
    {
        foreach (var conjunction in Conjunctions)
        {
            var at = piece.IndexOf(conjunction, StringComparison.OrdinalIgnoreCase);
            if (at <= 0)
            {
                continue;
            }

            var left = piece[..at].Trim();
            var right = piece[(at + conjunction.Length)..].Trim();
            if (LooksPersonal(left) && LooksPersonal(right))
            {
                return [left, .. SplitConjunctions(right)];
            }
        }

        return [piece];
    }

    /// <summary>
    /// Two to four words, each capitalised or a name particle (de, van, von, bin...): "Maria &amp; Katerina" and
    /// "Morgan &amp; Morgan" stay whole.
    /// </summary>
    private static bool LooksPersonal(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is >= 2 and <= 4 && words.All(w => char.IsUpper(w[0]) || Particles.Contains(w));
    }

    private static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der", "den", "ter", "ten", "bin", "ibn", "al", "el", "zu", "af",
    };

    /// <summary>"MS", "RD", "PhD", "MBA" after a name and a comma are letters after the name; "AP" or "RT" alone is an agency.</summary>
    private static bool IsCredential(string piece) =>
        piece.Length <= 6 && !piece.Contains(' ', StringComparison.Ordinal) && piece.Count(char.IsUpper) >= 2 && piece.All(c => char.IsLetter(c) || c is '.' or '-');

    private static bool IsLabel(string name) =>
        StartsWithAny(name, OtherRoles) || Prefixes.Any(p => name.Equals(p, StringComparison.OrdinalIgnoreCase));

    private static bool StartsWithAny(string text, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (text.Length == prefix.Length || !char.IsLetter(text[prefix.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly char[] NotInNames = ['@', '#', '$', '%', '*', '+', '=', '<', '>', '{', '}', '[', ']', '|', '\\', '/', '?', '!', ':', ';', '"', '“', '”', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '•', '·'];

    [GeneratedRegex(@"\s*(?:[•·⋅|;/\n—–]|\s-\s)\s*", RegexOptions.CultureInvariant)]
    private static partial Regex Segments();

    [GeneratedRegex(@"\d+\s*(?:min(?:ute)?s?|minuten|minutos|minuti|мин\p{L}*)\.?(?:\s*(?:read|reading|to read|lesezeit|de lectura|di lettura|de lecture|leitura|чтения))?", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ReadingTime();

    [GeneratedRegex(@"(?:\b[Aa]t\s+|\bum\s+|\bà\s+|\ba las\s+|\bàs\s+)?(?:\d{1,2}[:h.]\d{2}(?:\s*[aApP]\.?\s?[mM]\b\.?)?|\d{1,2}\s*[aApP]\.?[mM]\b\.?)(?:\s*(?:[A-Z]{2,4}\b|Uhr\b))?", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDay();

    [GeneratedRegex(@"(?<![\p{L}])(?<month>\p{L}{3,10})\.?\s{0,2}\d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}\.?\s{0,2}(?<month>\p{L}{3,10})\b", RegexOptions.CultureInvariant)]
    private static partial Regex PartialDate();

    [GeneratedRegex(@"\(?@[\w.]+\)?", RegexOptions.CultureInvariant)]
    private static partial Regex Handle();

    [GeneratedRegex(@"<[^<>]*>?", RegexOptions.CultureInvariant)]
    private static partial Regex Markup();
}
