//! Job titles as HR exports and users write them, matched to métiers.
//!
//! A title is reduced to a *key*: lowercase, without accents or punctuation, every word in its
//! masculine singular form (« Jardinière » and « jardiniers » both read `jardinier`), the
//! epicene pair of the répertoire collapsed (« Jardinier ou jardinière » reads `jardinier`),
//! gender marks dropped (« Chargé(e) », « animateur/trice », « agent·e », « (H/F) »), common
//! abbreviations written out (« Agt », « Resp. », « Tech. ») and small words (« de », « la »,
//! « et »…) left out. Two titles with the same key name the same thing.
//!
//! [`TitleMatcher`] knows the key of every métier's id, name, short name and aliases (those of
//! `metiers.ron` and of `aliases.ron`): a title whose key is one of them is matched; for the
//! others it ranks the closest métiers by the words they share.
//!
//! ```
//! use parcours_graph::ReferenceData;
//! use parcours_graph::titles::{TitleMatcher, key};
//! assert_eq!(key("Jardinier ou jardinière"), key("JARDINIÈRE"));
//! let data = ReferenceData::embedded().unwrap();
//! let matcher = TitleMatcher::new(&data);
//! assert_eq!(matcher.find("Bibliothécaire").unwrap().as_str(), "bibliothecaire");
//! ```

use crate::data::ReferenceData;
use crate::ids::MetierId;
use std::collections::{BTreeMap, BTreeSet};

/// Words that carry no meaning in a title.
const SMALL_WORDS: &[&str] = &[
    "a", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "pour", "sur",
    "dans", "un", "une", "ou",
];

/// Gender endings written after a mark glued to the word (« chargé(e) », « animateur/trice »,
/// « agent·e »).
const GENDER_ENDINGS: &[&str] = &[
    "e", "es", "ee", "ve", "ive", "trice", "rice", "ice", "euse", "se", "ere", "iere", "ne", "nne",
    "le", "lle", "te", "fe", "ffe",
];

/// Abbreviations of HR software, written out.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("adj", "adjoint"),
    ("adm", "administratif"),
    ("admin", "administratif"),
    ("agt", "agent"),
    ("anim", "animateur"),
    ("asst", "assistant"),
    ("biblio", "bibliotheque"),
    ("dir", "directeur"),
    ("entr", "entretien"),
    ("gest", "gestionnaire"),
    ("gestion", "gestion"),
    ("info", "informatique"),
    ("polyv", "polyvalent"),
    ("resp", "responsable"),
    ("serv", "service"),
    ("tech", "technicien"),
    ("techn", "technicien"),
];

/// Writes the letters of `c` without accent, lowercase (`œ` gives `oe`), at the end of `out`;
/// `false` for a character that separates words.
fn fold_into(c: char, out: &mut String) -> bool {
    if c.is_ascii_alphanumeric() {
        out.push(c.to_ascii_lowercase());
        return true;
    }
    if c.is_ascii() {
        return false;
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    let base = match lower {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' | 'ì' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        'ÿ' | 'ý' => 'y',
        'ñ' => 'n',
        'œ' => {
            out.push_str("oe");
            return true;
        }
        'æ' => {
            out.push_str("ae");
            return true;
        }
        other => other,
    };
    if base.is_ascii_alphanumeric() {
        out.push(base.to_ascii_lowercase());
        true
    } else {
        false
    }
}

/// `text` folded: its letters and digits without accents, lowercase, its words separated by
/// one space; nothing else changed (no word dropped or put in the masculine): names of people
/// and of competences compared whatever their accents, case, hyphens and apostrophes.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        let len = out.len();
        if fold_into(c, &mut out) {
            if gap && len > 0 {
                out.insert(len, ' ');
            }
            gap = false;
        } else {
            gap = true;
        }
    }
    out
}

/// Writes the masculine singular of `word`, already folded, at the end of `out` (see the
/// module's documentation).
fn push_masculine(word: &str, out: &mut String) {
    // Plural.
    let w = if word.len() > 4 && word.ends_with("eaux") {
        &word[..word.len() - 1]
    } else if word.len() > 4 && word.ends_with("aux") {
        // « aux » → « al »: no feminine ending to change after that.
        out.push_str(&word[..word.len() - 3]);
        out.push_str("al");
        return;
    } else if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        &word[..word.len() - 1]
    } else {
        word
    };
    const ENDINGS: &[(&str, &str)] = &[
        ("trice", "teur"),
        ("euse", "eur"),
        ("iere", "ier"),
        ("ere", "er"),
        ("ienne", "ien"),
        ("enne", "en"),
        ("effe", "ef"),
        ("ive", "if"),
        ("elle", "el"),
        ("ee", "e"),
        ("ale", "al"),
        ("ante", "ant"),
        ("ente", "ent"),
        ("ointe", "oint"),
        ("ainte", "aint"),
    ];
    let special = match w {
        "hotesse" => Some("hote"),
        "publique" => Some("public"),
        "elue" => Some("elu"),
        "cheffe" => Some("chef"),
        _ => None,
    };
    if let Some(m) = special {
        out.push_str(m);
        return;
    }
    for (fem, masc) in ENDINGS {
        if w.len() > fem.len() + 2 && w.ends_with(fem) {
            out.push_str(&w[..w.len() - fem.len()]);
            out.push_str(masc);
            return;
        }
    }
    out.push_str(w);
}

/// The words of a title, normalised (see [`words`]): one buffer and the range of each word in
/// it, so that a key costs a handful of allocations however long the title.
struct Normalised {
    text: String,
    words: Vec<std::ops::Range<usize>>,
}

impl Normalised {
    fn new(title: &str) -> Self {
        // Folded text, and each raw word's range with whether it is glued to the previous one
        // by a gender mark.
        let mut folded = String::with_capacity(title.len());
        let mut raw: Vec<(std::ops::Range<usize>, bool)> = Vec::new();
        let mut start = 0;
        let mut glued = false;
        // The mark right after the last word, if nothing else came since.
        let mut mark = false;
        for c in title.chars() {
            let before = folded.len();
            match fold_into(c, &mut folded) {
                true => {
                    if before == start {
                        glued = mark;
                    }
                }
                false => {
                    if folded.len() == start {
                        mark = false;
                    } else {
                        raw.push((start..folded.len(), glued));
                        start = folded.len();
                        mark = matches!(c, '(' | '/' | '·' | '•' | '.');
                    }
                }
            }
        }
        if folded.len() > start {
            raw.push((start..folded.len(), glued));
        }
        let mut text = String::with_capacity(folded.len() + 8);
        let mut words = Vec::with_capacity(raw.len());
        let mut i = 0;
        while i < raw.len() {
            let (r, glued) = &raw[i];
            let w = &folded[r.clone()];
            i += 1;
            if *glued && GENDER_ENDINGS.contains(&w) {
                continue;
            }
            // « (H/F) », « F/H »: not a word of the title.
            if (w == "h" || w == "f")
                && raw.get(i).is_some_and(|(n, _)| {
                    let n = &folded[n.clone()];
                    (n == "h" || n == "f") && n != w
                })
            {
                i += 1;
                continue;
            }
            let w = ABBREVIATIONS
                .iter()
                .find(|(a, _)| *a == w)
                .map_or(w, |(_, full)| full);
            let begin = text.len();
            push_masculine(w, &mut text);
            words.push(begin..text.len());
        }
        let mut n = Normalised { text, words };
        n.collapse_epicene();
        let Normalised { text, words } = &mut n;
        words.retain(|r| !SMALL_WORDS.contains(&&text[r.clone()]));
        words.dedup_by(|a, b| text[a.clone()] == text[b.clone()]);
        n
    }

    fn word(&self, i: usize) -> &str {
        &self.text[self.words[i].clone()]
    }

    /// « X ou X' » where X' is X in the feminine (now the same words): one X.
    fn collapse_epicene(&mut self) {
        let mut i = 0;
        while i < self.words.len() {
            if self.word(i) == "ou" {
                let max = i.min(self.words.len() - i - 1);
                if let Some(k) = (1..=max)
                    .rev()
                    .find(|&k| (0..k).all(|j| self.word(i - k + j) == self.word(i + 1 + j)))
                {
                    self.words.drain(i..=i + k);
                    continue;
                }
            }
            i += 1;
        }
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|r| &self.text[r.clone()])
    }
}

/// The words of a title, folded, in the masculine singular, abbreviations written out, gender
/// marks and small words dropped, the epicene pair collapsed.
pub fn words(title: &str) -> Vec<String> {
    Normalised::new(title).iter().map(str::to_owned).collect()
}

/// The key of a title: its [`words`], joined by spaces.
pub fn key(title: &str) -> String {
    let n = Normalised::new(title);
    let mut out = String::with_capacity(n.text.len() + n.words.len());
    for (i, w) in n.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Where a key of the matcher comes from, in order of precedence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    /// The métier's id, name or short name.
    Name,
    /// An alias of `metiers.ron`.
    MetierAlias,
    /// A title of `aliases.ron`.
    Aliases,
}

/// A métier close to a title, with how close (0 to 100).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The métier.
    pub metier: MetierId,
    /// Closeness, in percent.
    pub score: u8,
}

/// Matches job titles to métiers (see the module's documentation).
#[derive(Clone, Debug)]
pub struct TitleMatcher<'a> {
    data: &'a ReferenceData,
    /// Key → the métiers it names, with the best origin of each.
    keys: BTreeMap<String, BTreeMap<MetierId, Origin>>,
    /// Per word of the keys, its weight in a comparison: rare words (« jardinier ») weigh
    /// more than common ones (« agent », « responsable »).
    weights: BTreeMap<String, f64>,
}

impl<'a> TitleMatcher<'a> {
    /// The keys of every métier of `data`.
    pub fn new(data: &'a ReferenceData) -> Self {
        let mut keys: BTreeMap<String, BTreeMap<MetierId, Origin>> = BTreeMap::new();
        let mut add = |k: String, m: &MetierId, o: Origin| {
            if k.is_empty() {
                return;
            }
            let slot = keys.entry(k).or_default().entry(m.clone()).or_insert(o);
            *slot = (*slot).min(o);
        };
        for m in data.metiers() {
            add(key(m.id.as_str()), &m.id, Origin::Name);
            add(key(&m.name), &m.id, Origin::Name);
            add(key(&m.short_name), &m.id, Origin::Name);
            for a in &m.aliases {
                add(key(&a.name), &m.id, Origin::MetierAlias);
            }
        }
        for g in data.aliases() {
            for a in &g.aliases {
                for n in &a.names {
                    add(key(n), &a.metier, Origin::Aliases);
                }
            }
        }
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for k in keys.keys() {
            for w in k.split(' ') {
                *counts.entry(w).or_default() += 1;
            }
        }
        let n = keys.len().max(1) as f64;
        let weights = counts
            .into_iter()
            .map(|(w, c)| (w.to_owned(), (n / c as f64).ln() + 1.0))
            .collect();
        TitleMatcher {
            data,
            keys,
            weights,
        }
    }

    /// The weight of a word (see `weights`); a word no key holds weighs as the rarest.
    fn weight(&self, w: &str) -> f64 {
        self.weights
            .get(w)
            .copied()
            .unwrap_or_else(|| (self.keys.len().max(1) as f64).ln() + 1.0)
    }

    /// The métier `title` names: its id (or a former id), or a title whose key is the key of
    /// exactly one métier's name or alias (a name wins over an alias).
    pub fn find(&self, title: &str) -> Option<&'a MetierId> {
        let t = title.trim();
        if t.is_empty() || t.chars().count() > 200 {
            return None;
        }
        if let Some(m) = self.data.metier(&MetierId::new(t.to_lowercase())) {
            return Some(&m.id);
        }
        let found = self.keys.get(&key(t))?;
        let best = found.values().min()?;
        let mut at_best = found.iter().filter(|(_, o)| *o == best);
        let (id, _) = at_best.next()?;
        if at_best.next().is_some() {
            return None;
        }
        self.data.metier(id).map(|m| &m.id)
    }

    /// Up to `n` métiers closest to `title`, closest first (ties by id), at least 35 % close.
    pub fn suggest(&self, title: &str, n: usize) -> Vec<Suggestion> {
        let q = words(title);
        if q.is_empty() || title.chars().count() > 200 {
            return Vec::new();
        }
        // Each word of the title against each word of the keys, once.
        let sims: Vec<BTreeMap<&str, f64>> = q
            .iter()
            .map(|a| {
                self.weights
                    .keys()
                    .map(|b| (b.as_str(), word_similarity(a, b)))
                    .filter(|(_, s)| *s > 0.0)
                    .collect()
            })
            .collect();
        let mut best: BTreeMap<&MetierId, u8> = BTreeMap::new();
        for (k, metiers) in &self.keys {
            let kw: Vec<&str> = k.split(' ').collect();
            let s = self.closeness(&q, &sims, &kw);
            if s < 35 {
                continue;
            }
            for m in metiers.keys() {
                let e = best.entry(m).or_insert(0);
                *e = (*e).max(s);
            }
        }
        let mut ranked: Vec<(&MetierId, u8)> = best.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        ranked
            .into_iter()
            .take(n)
            .map(|(m, score)| Suggestion {
                metier: m.clone(),
                score,
            })
            .collect()
    }

    /// How close two lists of words are, 0 to 100: the weight of the words they share (a word
    /// that starts the other, or differs by little, counts in part), over the weight of the
    /// words of both. `sims[i]` holds the similarity of `q[i]` to each word of the keys that
    /// is at all similar.
    fn closeness(&self, q: &[String], sims: &[BTreeMap<&str, f64>], k: &[&str]) -> u8 {
        if q.is_empty() || k.is_empty() {
            return 0;
        }
        let sim = |i: usize, w: &str| sims[i].get(w).copied().unwrap_or(0.0);
        let (mut got, mut all) = (0.0, 0.0);
        for (i, a) in q.iter().enumerate() {
            let w = self.weight(a);
            got += w * k.iter().map(|b| sim(i, b)).fold(0.0, f64::max);
            all += w;
        }
        for b in k {
            let w = self.weight(b);
            got += w * (0..q.len()).map(|i| sim(i, b)).fold(0.0, f64::max);
            all += w;
        }
        (100.0 * got / all).round().clamp(0.0, 100.0) as u8
    }

    /// The métiers that `text` designates for a search: the one it names (id, name or alias)
    /// first, then every métier one of whose names or aliases holds every word of `text`
    /// (a word may be the start of one), in file order.
    pub fn search(&self, text: &str) -> Vec<&'a MetierId> {
        let mut out: Vec<&'a MetierId> = Vec::new();
        if let Some(m) = self.find(text) {
            out.push(m);
        }
        let q = words(text);
        if q.is_empty() {
            return out;
        }
        let mut hits: BTreeSet<&MetierId> = BTreeSet::new();
        for (k, metiers) in &self.keys {
            let kw: Vec<&str> = k.split(' ').collect();
            if q.iter()
                .all(|w| kw.iter().any(|k| k.starts_with(w.as_str())))
            {
                hits.extend(metiers.keys());
            }
        }
        for m in self.data.metiers() {
            if hits.contains(&m.id) && !out.contains(&&m.id) {
                out.push(&m.id);
            }
        }
        out
    }
}

/// How alike two words are, 0 to 1: 1 the same, 0.8 when one starts the other (three letters
/// at least), up to 0.9 when a quarter of the letters at most differ, else 0.
fn word_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() >= 3 && long.starts_with(short) {
        return 0.8;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let max = la.max(lb);
    // Close enough needs at most a quarter of the letters changed: a larger difference of
    // lengths is not, and costs no distance computation.
    if max < 5 || la.abs_diff(lb) * 4 > max {
        return 0.0;
    }
    let d = crate::validate::edit_distance(a, b) as f64;
    let s = 1.0 - d / max as f64;
    if s >= 0.75 { s * 0.9 } else { 0.0 }
}

/// The id of `known` closest to `wrong` by edit distance, if at most 2 edits away (for a
/// misspelt column or id).
pub fn closest<'k>(wrong: &str, known: impl Iterator<Item = &'k str>) -> Option<&'k str> {
    let length = wrong.chars().count();
    known
        .filter(|k| k.chars().count().abs_diff(length) <= 2)
        .map(|k| (crate::validate::edit_distance(wrong, k), k))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_keeps_every_word() {
        assert_eq!(
            fold("  Évoluer dans l’environnement   numérique "),
            "evoluer dans l environnement numerique"
        );
        assert_eq!(fold("LE BŒUF-Dupré"), "le boeuf dupre");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn keys_ignore_case_accents_gender_and_punctuation() {
        let same = [
            ("Jardinier ou jardinière", "jardiniere"),
            ("JARDINIERS", "Jardinier/Jardinière"),
            ("Chargé(e) d'accueil", "chargée d’accueil"),
            ("Animateur/trice", "Animatrice"),
            ("Agent·e d'entretien", "agent entretien"),
            ("Agt entretien (H/F)", "Agent d'entretien"),
            (
                "Directeur général ou directrice générale des services",
                "directrice generale des services",
            ),
            (
                "Travailleur ou travailleuse sociale",
                "travailleurs sociaux",
            ),
            (
                "Sapeur-pompier professionnel ou sapeuse-pompière professionnelle",
                "sapeur pompier professionnel",
            ),
            ("Assistante maternelle", "assistant maternel"),
            ("Chef ou cheffe de projet", "cheffe de projet"),
            (
                "Resp. service population",
                "Responsable du service population",
            ),
        ];
        for (a, b) in same {
            assert_eq!(key(a), key(b), "{a} / {b}");
            assert!(!key(a).is_empty());
        }
        assert_eq!(key("Chargée de communication"), "charge communication");
        assert_ne!(key("Agent d'accueil"), key("Agent d'entretien"));
        assert_eq!(key(" - / () "), "");
    }

    #[test]
    fn names_and_aliases_find_their_metier() {
        let data = ReferenceData::embedded().expect("data");
        let m = TitleMatcher::new(&data);
        for (title, id) in [
            ("Jardinier ou jardinière", "jardinier"),
            ("Cuisinier", "cuisinier"),
            ("BIBLIOTHÉCAIRE", "bibliothecaire"),
            ("cuisinière", "cuisinier"),
            ("atsem", "agent-accompagnement-education-enfant"),
            ("Ripeur", "agent-collecte"),
            ("charge-accueil", "charge-accueil"),
            ("DGS", "directeur-general-services"),
        ] {
            assert_eq!(m.find(title).map(MetierId::as_str), Some(id), "{title}");
        }
        assert_eq!(m.find("Astronaute"), None);
        assert_eq!(m.find(""), None);
    }

    #[test]
    fn suggestions_rank_the_closest_metier_first() {
        let data = ReferenceData::embedded().expect("data");
        let m = TitleMatcher::new(&data);
        let s = m.suggest("Jardinier espaces verts communaux", 3);
        assert!(!s.is_empty());
        assert_eq!(s[0].metier.as_str(), "jardinier", "{s:?}");
        assert!(s.windows(2).all(|w| w[0].score >= w[1].score));
        assert!(m.suggest("zzzz qqqq", 3).is_empty());
        let found = m.search("police");
        let ids: Vec<&str> = found.iter().map(|m| m.as_str()).collect();
        assert!(ids.contains(&"agent-police-municipale"), "{ids:?}");
        assert!(ids.contains(&"directeur-police-municipale"), "{ids:?}");
    }

    #[test]
    fn an_alias_of_an_unknown_or_taken_metier_is_a_located_data_error() {
        use crate::sources::{FileKind, Sources};
        let mut sources = Sources::embedded();
        let text = "[\n    (\n        source: \"test\",\n        judgment: true,\n        aliases: [\n            (metier: \"jardinierr\", names: [\"paysagiste\"]),\n            (metier: \"cuisinier\", names: [\"Jardinière\"]),\n        ],\n    ),\n]\n";
        sources.replace(FileKind::Aliases, "aliases.ron", text);
        let problems = ReferenceData::load(&sources).unwrap_err().0;
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].file, "aliases.ron");
        assert_eq!(problems[0].location.line, 6);
        assert!(problems[0].message.contains("jardinierr"));
        assert!(
            problems[0]
                .help
                .as_deref()
                .unwrap_or("")
                .contains("`jardinier`")
        );
        assert_eq!(problems[1].location.line, 7);
        assert!(
            problems[1]
                .message
                .contains("désigne déjà le métier `jardinier`")
        );
    }
}
