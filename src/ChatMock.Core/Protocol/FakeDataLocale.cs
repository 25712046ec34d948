using Microsoft.Net.Http.Headers;

namespace ChatMock.Protocol;

/// <summary>
/// Chooses the Bogus locale of generated data from <c>SO-Language</c> (which overrides <c>Accept-Language</c>;
/// <c>*</c> or <c>x</c> turns translation off) and <c>Accept-Language</c> with q-values. A language Bogus has no data
/// for falls back to the next one the client accepts, then to English.
/// </summary>
internal static class FakeDataLocale
{
    public const string Default = "en";

    // ISO 639-1 language (and a few language-region pairs) to Bogus locale.
    private static readonly Dictionary<string, string> Locales = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "en", ["en-us"] = "en_US", ["en-gb"] = "en_GB", ["en-au"] = "en_AU", ["en-ca"] = "en_CA", ["en-ie"] = "en_IE",
        ["no"] = "nb_NO", ["nb"] = "nb_NO", ["nn"] = "nb_NO",
        ["sv"] = "sv", ["fi"] = "fi", ["de"] = "de", ["de-at"] = "de_AT", ["de-ch"] = "de_CH",
        ["fr"] = "fr", ["fr-ca"] = "fr_CA", ["fr-ch"] = "fr_CH", ["nl"] = "nl", ["nl-be"] = "nl_BE",
        ["es"] = "es", ["es-mx"] = "es_MX", ["it"] = "it", ["pt"] = "pt_PT", ["pt-br"] = "pt_BR", ["pl"] = "pl",
        ["cs"] = "cz", ["sk"] = "sk", ["ro"] = "ro", ["tr"] = "tr", ["ru"] = "ru", ["uk"] = "uk", ["lv"] = "lv",
        ["hr"] = "hr", ["el"] = "el", ["ja"] = "ja", ["ko"] = "ko", ["zh"] = "zh_CN", ["zh-cn"] = "zh_CN", ["zh-tw"] = "zh_TW",
        ["vi"] = "vi", ["id"] = "id_ID", ["fa"] = "fa", ["ar"] = "ar", ["az"] = "az", ["ka"] = "ge", ["af"] = "af_ZA",
    };

    // The standalone server's throughput needs this one (bench/load.sh sends Accept-Language on every call, as
    // browsers do): parsing and ranking the list costs 1,320 B a call.
    private static readonly HeaderValueCache<string> Chosen = new();

    /// <summary>The locale for a call's <c>SO-Language</c> and <c>Accept-Language</c>; each pair of values is worked out once (a bounded cache).</summary>
    public static string Choose(string? soLanguage, string? acceptLanguage) =>
        soLanguage is null && acceptLanguage is null ? Default : Chosen.GetOrAdd(soLanguage, acceptLanguage, static (so, accept) => ChooseUncached(so, accept));

    private static string ChooseUncached(string? soLanguage, string? acceptLanguage)
    {
        if (!string.IsNullOrWhiteSpace(soLanguage))
        {
            var language = soLanguage.Trim();
            if (language is "*" || language.Equals("x", StringComparison.OrdinalIgnoreCase))
            {
                return Default;
            }

            return Lookup(language) ?? Default;
        }

        if (string.IsNullOrWhiteSpace(acceptLanguage))
        {
            return Default;
        }

        if (!StringWithQualityHeaderValue.TryParseList([acceptLanguage], out var items))
        {
            return Default;
        }

        var ranked = items
            .Select((item, index) => (Tag: item.Value.ToString(), Quality: item.Quality ?? 1, Index: index))
            .Where(x => x.Quality > 0)
            .OrderByDescending(x => x.Quality)
            .ThenBy(x => x.Index);
        foreach (var (tag, _, _) in ranked)
        {
            if (Lookup(tag) is { } locale)
            {
                return locale;
            }
        }

        return Default;
    }

    private static string? Lookup(string tag)
    {
        if (Locales.TryGetValue(tag, out var locale))
        {
            return locale;
        }

        var dash = tag.IndexOfAny(['-', '_']);
        return dash > 0 && Locales.TryGetValue(tag[..dash], out locale) ? locale : null;
    }
}
