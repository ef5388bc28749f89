//! Validation of the reference data: every reference resolves, ids are unique, levels sit in
//! their competency's range, category totals match, the prerequisite graph is acyclic, every
//! requirement is reachable through the catalogue, and every recommendation is either a training
//! one with modules or an institutional one without. All problems are returned at once.

use crate::data::ReferenceData;
use crate::diagnostic::{Diagnostic, Problems};
use crate::ids::{CompetencyId, MetierId, ModuleId};
use crate::locate::Locator;
use crate::model::{Prerequisite, Target};
use crate::parallel::Parallelism;
use crate::sources::{FileKind, Sources};
use crate::strings::{each_string, field_noun, text_problem};
use crate::vocab::{Audience, Category, Channel, Level, Maturity, Modality, Nature};
use itertools::Itertools;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Display;

/// Longest module accepted, in hours (a long cycle is several modules).
pub const MAX_MODULE_HOURS: u32 = 300;

/// Largest number of participants per session accepted.
pub const MAX_PARTICIPANTS: u32 = 100_000;

/// Largest price of a session-day, in euros.
pub const MAX_SESSION_DAY_PRICE: u32 = 1_000_000;

/// Largest price of a trainee-day or a licence, in euros.
pub const MAX_TRAINEE_DAY_PRICE: u32 = 100_000;

/// Longest name (of a métier, field, group, domain, competency, track) or module title
/// accepted, in characters (the longest shipped one has 110).
pub const MAX_NAME_CHARS: usize = 200;

/// Longest other text accepted (the study's sentences, footnotes, rationales, sources, ids), in
/// characters (the longest shipped one has 364): well below a spreadsheet cell's 32,767.
pub const MAX_TEXT_CHARS: usize = 2_000;

/// Most days of one statutory training (the law's maximum is 10 days for each).
pub const MAX_STATUTORY_DAYS: u32 = 30;

/// Most text problems reported for one reference file.
const MAX_TEXT_PROBLEMS: usize = 100;

/// The text problems of one parsed reference file: a string holding a control character
/// ([`crate::strings::is_forbidden`]) or longer than [`MAX_NAME_CHARS`] (names, module titles)
/// or [`MAX_TEXT_CHARS`] (any other string). At most 100 are reported per file.
pub fn texts<T: serde::Serialize + ?Sized>(
    kind: FileKind,
    value: &T,
    sources: &Sources,
) -> Vec<Diagnostic> {
    let src = sources.get(kind);
    let mut out = Vec::new();
    each_string(value, &mut |path, s| {
        let field = path.field();
        let is_name =
            field == Some("name") || (kind == FileKind::Catalogue && field == Some("title"));
        let max = if is_name {
            MAX_NAME_CHARS
        } else {
            MAX_TEXT_CHARS
        };
        if out.len() < MAX_TEXT_PROBLEMS
            && let Some(p) = text_problem(field_noun(field), s, max)
        {
            out.push(
                Diagnostic::at_path(&src.name, &src.text, path.to_string(), p.message)
                    .with_help(p.help),
            );
        }
    });
    out
}

/// Checks `data` (parsed from `sources`) and returns every problem found, in file order.
pub fn validate(
    data: &ReferenceData,
    sources: &Sources,
    parallelism: &Parallelism,
) -> Vec<Diagnostic> {
    // Two halves of similar cost on two threads; the problems keep the checks' order.
    let checker = || Checker {
        sources,
        out: Problems::new(),
        locators: BTreeMap::new(),
    };
    let (mut first, (second, third)) = parallelism.fork(
        parallelism.threads(),
        || {
            let mut c = checker();
            c.effects(data);
            c.recommendations(data);
            c.groups_and_fields(data);
            c.metiers(data);
            c.classification(data);
            c.competencies(data);
            c.requirements(data);
            c.catalogue(data);
            c.metier_names(data);
            c.headcounts(data);
            c.category_members(data);
            c.footnotes_attached(data);
            c.pix_mapping_limits(data);
            c.core_families(data);
            c.expertise_targets(data);
            c.module_audiences(data);
            c.alias_titles(data);
            c.out
        },
        || {
            let mut c = checker();
            c.recommendation_modules(data);
            c.cycles(data);
            let mut d = checker();
            d.planning(data);
            d.reachability(data);
            (c.out, d.out)
        },
    );
    first.append(second);
    first.append(third);
    first.into_vec()
}

struct Checker<'a> {
    sources: &'a Sources,
    out: Problems,
    /// One per file, made on its first problem.
    locators: BTreeMap<FileKind, Locator<'a>>,
}

impl<'a> Checker<'a> {
    /// Reports `id`, at `path` of a `kind` file, as an unknown métier, with the closest id.
    fn unknown_metier(
        &mut self,
        data: &ReferenceData,
        kind: FileKind,
        path: String,
        id: &MetierId,
    ) {
        self.err_with(kind, path, format!("métier `{id}` inconnu"), id, |_| {
            Some(suggest(
                id.as_str(),
                data.metiers().iter().map(|m| m.id.as_str()),
            ))
        });
    }

    /// Reports a problem; it is located and its help written only when it is kept.
    fn err_with(
        &mut self,
        kind: FileKind,
        path: impl Into<String>,
        msg: impl Into<String>,
        id: impl Display,
        help: impl FnOnce(&mut Locator<'a>) -> Option<String>,
    ) {
        let src = self.sources.get(kind);
        let locator = self
            .locators
            .entry(kind)
            .or_insert_with(|| Locator::new(&src.text));
        self.out.add(|| {
            let d = Diagnostic::at_path_in(&src.name, locator, path, msg).with_id(id);
            match help(locator) {
                Some(h) => d.with_help(h),
                None => d,
            }
        });
    }

    fn err(
        &mut self,
        kind: FileKind,
        path: impl Into<String>,
        msg: impl Into<String>,
        id: impl Display,
    ) {
        self.err_with(kind, path, msg, id, |_| None);
    }

    fn err_help(
        &mut self,
        kind: FileKind,
        path: impl Into<String>,
        msg: impl Into<String>,
        id: impl Display,
        help: impl Into<String>,
    ) {
        self.err_with(kind, path, msg, id, |_| Some(help.into()));
    }

    /// Reports every key seen twice; `path` builds the path of item `i`.
    fn unique<K: Eq + std::hash::Hash + Display + Clone>(
        &mut self,
        kind: FileKind,
        what: &str,
        keys: impl Iterator<Item = K>,
        path: impl Fn(usize) -> String,
    ) {
        // Looked up only, never iterated: problems come out in file order.
        let mut seen: rustc_hash::FxHashMap<K, usize> = rustc_hash::FxHashMap::default();
        for (i, k) in keys.enumerate() {
            if let Some(&first) = seen.get(&k) {
                let first = path(first);
                self.err_with(
                    kind,
                    path(i),
                    format!("{what} `{k}` en double"),
                    &k,
                    |locator| {
                        let line = locator.locate_nearest(&first).line;
                        Some(format!(
                            "`{k}` est déjà défini à la ligne {line} ; chaque identifiant doit être unique"
                        ))
                    },
                );
            } else {
                seen.insert(k, i);
            }
        }
    }

    fn level_in_range(
        &mut self,
        data: &ReferenceData,
        kind: FileKind,
        path: String,
        competency: &CompetencyId,
        level: Level,
    ) {
        if let Some(c) = data.competency(competency)
            && (level < c.min || level > c.max)
        {
            self.err_help(
                kind,
                path,
                format!("le niveau `{level}` est hors de la plage de la compétence `{competency}`"),
                competency,
                format!(
                    "`{competency}` va du niveau `{}` au niveau `{}`",
                    c.min, c.max
                ),
            );
        }
    }

    fn competency_ref(
        &mut self,
        data: &ReferenceData,
        kind: FileKind,
        path: String,
        id: &CompetencyId,
    ) -> bool {
        if data.competency(id).is_some() {
            return true;
        }
        self.err_with(
            kind,
            path,
            format!("compétence `{id}` inconnue"),
            id,
            |_| {
                Some(suggest(
                    id.as_str(),
                    data.competencies()
                        .competencies
                        .iter()
                        .map(|c| c.id.as_str()),
                ))
            },
        );
        false
    }

    fn effects(&mut self, data: &ReferenceData) {
        let k = FileKind::Effects;
        // `data.effects` is sorted by number; report in file order on the raw paths.
        let raw = &data.effects();
        self.unique(k, "numéro d'effet", raw.iter().map(|e| e.number.0), |i| {
            format!("effects[{i}].number")
        });
        self.unique(
            k,
            "numéro de note",
            data.footnotes().iter().map(|f| f.number.0),
            |i| format!("footnotes[{i}].number"),
        );
        for (i, e) in raw.iter().enumerate() {
            for (j, f) in e.footnotes.iter().enumerate() {
                if data.footnote(*f).is_none() {
                    self.err(
                        k,
                        format!("effects[{i}].footnotes[{j}]"),
                        format!("note {} inconnue", f.0),
                        f.0,
                    );
                }
            }
            if e.title.trim().is_empty() {
                self.err(
                    k,
                    format!("effects[{i}].title"),
                    "l'effet n'a pas de titre",
                    e.number,
                );
            }
        }
    }

    fn recommendations(&mut self, data: &ReferenceData) {
        let k = FileKind::Recommendations;
        self.unique(
            k,
            "numéro de préconisation",
            data.recommendations().iter().map(|r| r.number.0),
            |i| format!("[{i}].number"),
        );
        for (i, r) in data.recommendations().iter().enumerate() {
            let p = |f: &str| format!("[{i}].{f}");
            if data.effect(r.effect).is_none() {
                self.err(
                    k,
                    p("effect"),
                    format!("effet {} inconnu", r.effect.0),
                    r.effect,
                );
            }
            if r.title.trim().is_empty() {
                self.err(k, p("title"), "la préconisation n'a pas de titre", r.number);
            }
            for (j, f) in r.footnotes.iter().enumerate() {
                if data.footnote(*f).is_none() {
                    self.err(
                        k,
                        format!("[{i}].footnotes[{j}]"),
                        format!("note {} inconnue", f.0),
                        f.0,
                    );
                }
            }
            for (j, g) in r.reading.groups.iter().enumerate() {
                if data.group(g).is_none() {
                    self.err_with(
                        k,
                        format!("[{i}].reading.groups[{j}]"),
                        format!("groupe de métiers `{g}` inconnu"),
                        g,
                        |_| {
                            Some(suggest(
                                g.as_str(),
                                data.groups().iter().map(|g| g.id.as_str()),
                            ))
                        },
                    );
                }
            }
            for (j, t) in r.reading.develops.iter().enumerate() {
                let path = format!("[{i}].reading.develops[{j}].competency");
                if self.competency_ref(data, k, path, &t.competency) {
                    self.level_in_range(
                        data,
                        k,
                        format!("[{i}].reading.develops[{j}].level"),
                        &t.competency,
                        t.level,
                    );
                }
            }
            if r.reading.nature == Nature::Training && r.reading.develops.is_empty() {
                self.err_help(
                    k,
                    p("reading.develops"),
                    format!("la préconisation de formation {} ne développe aucune compétence", r.number.0),
                    r.number,
                    "listez les compétences et niveaux qu'elle développe, ou marquez-la `Institutional(kind: ..)`",
                );
            }
            if r.reading.rationale.trim().is_empty() {
                self.err(
                    k,
                    p("reading.rationale"),
                    "la lecture de la préconisation doit être justifiée (`rationale`)",
                    r.number,
                );
            }
        }
    }

    fn groups_and_fields(&mut self, data: &ReferenceData) {
        self.unique(
            FileKind::Groups,
            "identifiant de groupe de métiers",
            data.groups().iter().map(|g| g.id.clone()),
            |i| format!("[{i}].id"),
        );
        self.unique(
            FileKind::Fields,
            "identifiant de champ d'action",
            data.fields().iter().map(|f| f.id.clone()),
            |i| format!("[{i}].id"),
        );
    }

    fn metiers(&mut self, data: &ReferenceData) {
        let k = FileKind::Metiers;
        self.unique(
            k,
            "identifiant de métier",
            data.metiers().iter().map(|m| m.id.clone()),
            |i| format!("[{i}].id"),
        );
        for (i, m) in data.metiers().iter().enumerate() {
            if !is_kebab(m.id.as_str()) {
                self.err_help(
                    k,
                    format!("[{i}].id"),
                    format!("l'identifiant de métier `{}` doit s'écrire en minuscules sans accents, mots séparés par des tirets", m.id),
                    &m.id,
                    "employez les lettres a à z, les chiffres et des tirets simples, par exemple `secretaire-de-mairie`",
                );
            }
            if m.field.as_str().trim().is_empty() {
                self.err(
                    k,
                    format!("[{i}].field"),
                    format!("le métier `{}` n'est rattaché à aucun champ d'action", m.id),
                    &m.id,
                );
            } else if data.field(&m.field).is_none() {
                self.err_with(
                    k,
                    format!("[{i}].field"),
                    format!(
                        "champ d'action `{}` inconnu pour le métier `{}`",
                        m.field, m.id
                    ),
                    &m.field,
                    |_| {
                        Some(suggest(
                            m.field.as_str(),
                            data.fields().iter().map(|f| f.id.as_str()),
                        ))
                    },
                );
            }
            for (j, g) in m.groups.iter().enumerate() {
                if data.group(g).is_none() {
                    self.err_with(
                        k,
                        format!("[{i}].groups[{j}]"),
                        format!("groupe de métiers `{g}` inconnu"),
                        g,
                        |_| {
                            Some(suggest(
                                g.as_str(),
                                data.groups().iter().map(|g| g.id.as_str()),
                            ))
                        },
                    );
                }
            }
            for (j, r) in m.roles.iter().enumerate() {
                if matches!(
                    r,
                    Audience::AllAgents | Audience::ElectedOfficials | Audience::Cnfpt
                ) {
                    self.err(
                        k,
                        format!("[{i}].roles[{j}]"),
                        format!("`{r:?}` n'est pas un rôle qu'un métier peut tenir"),
                        &m.id,
                    );
                }
            }
            if m.name.trim().is_empty() {
                self.err(k, format!("[{i}].name"), "empty métier name", &m.id);
            }
        }
    }

    fn classification(&mut self, data: &ReferenceData) {
        let k = FileKind::Classification;
        let c = &data.classification();
        for (cat, key, list, declared) in [
            (
                Category::Sensitive,
                "sensitive",
                &c.sensitive,
                c.declared.sensitive,
            ),
            (
                Category::HighHeadcount,
                "high_headcount",
                &c.high_headcount,
                c.declared.high_headcount,
            ),
            (
                Category::Shrinking,
                "shrinking",
                &c.shrinking,
                c.declared.shrinking,
            ),
        ] {
            self.unique(
                k,
                &format!("entrée de la liste `{}`", cat.key()),
                list.iter().map(|a| a.metier.clone()),
                |i| format!("{key}[{i}].metier"),
            );
            for (i, a) in list.iter().enumerate() {
                if data.metier(&a.metier).is_none() {
                    self.unknown_metier(data, k, format!("{key}[{i}].metier"), &a.metier);
                }
                if a.rationale.trim().is_empty() {
                    self.err(
                        k,
                        format!("{key}[{i}].rationale"),
                        "every assignment needs a rationale",
                        &a.metier,
                    );
                }
            }
            let members = list
                .iter()
                .map(|a| &a.metier)
                .collect::<BTreeSet<_>>()
                .len();
            if members as u32 != declared {
                self.err_help(
                    k,
                    format!("declared.{key}"),
                    format!("la liste `{key}` compte {members} métiers, mais le total déclaré est de {declared}"),
                    key,
                    "accordez la liste et le total déclaré (l'étude déclare 42 / 20 / 33)",
                );
            }
        }
    }

    fn competencies(&mut self, data: &ReferenceData) {
        let k = FileKind::Competencies;
        let f = &data.competencies();
        self.unique(
            k,
            "identifiant de domaine de compétences",
            f.domains.iter().map(|d| d.id.clone()),
            |i| format!("domains[{i}].id"),
        );
        self.unique(
            k,
            "identifiant de compétence",
            f.competencies.iter().map(|c| c.id.clone()),
            |i| format!("competencies[{i}].id"),
        );
        let general: Vec<Level> = f.levels.iter().map(|l| l.level).collect();
        if general != Level::ALL {
            self.err(
                k,
                "levels",
                "`levels` doit décrire socle, approfondissement et expertise, dans cet ordre",
                "levels",
            );
        }
        let pix: Vec<u8> = f.pix_mapping.levels.iter().map(|p| p.pix).collect();
        if pix != (0..=8).collect::<Vec<u8>>() {
            self.err(
                k,
                "pix_mapping.levels",
                "la correspondance Pix doit donner les niveaux Pix 0 à 8, chacun une fois, dans l'ordre",
                "pix_mapping",
            );
        } else if f
            .pix_mapping
            .levels
            .windows(2)
            .any(|w| w[0].level > w[1].level)
        {
            self.err(
                k,
                "pix_mapping.levels",
                "la correspondance Pix ne doit pas baisser quand le niveau Pix monte",
                "pix_mapping",
            );
        }
        for (i, c) in f.competencies.iter().enumerate() {
            if data.domain(&c.domain).is_none() {
                self.err_with(
                    k,
                    format!("competencies[{i}].domain"),
                    format!("domaine de compétences `{}` inconnu", c.domain),
                    &c.domain,
                    |_| {
                        Some(suggest(
                            c.domain.as_str(),
                            f.domains.iter().map(|d| d.id.as_str()),
                        ))
                    },
                );
            }
            if c.min > c.max {
                self.err(
                    k,
                    format!("competencies[{i}].min"),
                    format!("la compétence `{}` a un niveau minimal (`min`) au-dessus du niveau maximal (`max`)", c.id),
                    &c.id,
                );
                continue;
            }
            let expected: Vec<Level> = Level::ALL
                .into_iter()
                .filter(|l| *l >= c.min && *l <= c.max)
                .collect();
            let got: Vec<Level> = c.levels.iter().map(|l| l.level).collect();
            if expected != got {
                self.err_help(
                    k,
                    format!("competencies[{i}].levels"),
                    format!(
                        "la compétence `{}` doit décrire exactement les niveaux de sa plage",
                        c.id
                    ),
                    &c.id,
                    format!("niveaux attendus : {}", expected.iter().join(", ")),
                );
            }
        }
    }

    fn target(&mut self, data: &ReferenceData, k: FileKind, path: &str, t: &Target) {
        if !self.competency_ref(data, k, format!("{path}.competency"), &t.competency) {
            return;
        }
        self.level_in_range(data, k, format!("{path}.year10"), &t.competency, t.year10);
        if let Some(y5) = t.year5 {
            self.level_in_range(data, k, format!("{path}.year5"), &t.competency, y5);
            if y5 > t.year10 {
                self.err(
                    k,
                    format!("{path}.year5"),
                    format!(
                        "la cible à 5 ans de `{}` est au-dessus de sa cible à 10 ans",
                        t.competency
                    ),
                    &t.competency,
                );
            }
        }
    }

    fn requirements(&mut self, data: &ReferenceData) {
        let k = FileKind::Requirements;
        let r = &data.requirements();
        for (i, t) in r.core.iter().enumerate() {
            self.target(data, k, &format!("core[{i}]"), t);
        }
        self.unique(
            k,
            "entrée de besoins du métier",
            r.metiers.iter().map(|m| m.metier.clone()),
            |i| format!("metiers[{i}].metier"),
        );
        for (i, m) in r.metiers.iter().enumerate() {
            if data.metier(&m.metier).is_none() {
                self.err_with(
                    k,
                    format!("metiers[{i}].metier"),
                    format!("métier `{}` inconnu", m.metier),
                    &m.metier,
                    |_| {
                        Some(suggest(
                            m.metier.as_str(),
                            data.metiers().iter().map(|m| m.id.as_str()),
                        ))
                    },
                );
            }
            self.unique(
                k,
                "compétence cible",
                m.targets.iter().map(|t| t.competency.clone()),
                |j| format!("metiers[{i}].targets[{j}].competency"),
            );
            for (j, t) in m.targets.iter().enumerate() {
                self.target(data, k, &format!("metiers[{i}].targets[{j}]"), t);
            }
        }
        for (i, m) in data.metiers().iter().enumerate() {
            if !data.has_requirements(&m.id) {
                let src = self.sources.get(k).name.clone();
                self.err_help(
                    FileKind::Metiers,
                    format!("[{i}].id"),
                    format!("le métier `{}` n'a pas d'entrée dans {src}", m.id),
                    &m.id,
                    "ajoutez ses cibles propres au métier (ses cibles communes viennent de `core`)",
                );
            }
        }
    }

    fn catalogue(&mut self, data: &ReferenceData) {
        let k = FileKind::Catalogue;
        self.unique(
            k,
            "identifiant de module",
            data.modules().iter().map(|m| m.id.clone()),
            |i| format!("[{i}].id"),
        );
        for (i, m) in data.modules().iter().enumerate() {
            if self.competency_ref(data, k, format!("[{i}].competency"), &m.competency) {
                self.level_in_range(data, k, format!("[{i}].level"), &m.competency, m.level);
            }
            for (j, p) in m.prerequisites.iter().enumerate() {
                match p {
                    Prerequisite::Competency { competency, level } => {
                        if self.competency_ref(
                            data,
                            k,
                            format!("[{i}].prerequisites[{j}].competency"),
                            competency,
                        ) {
                            self.level_in_range(
                                data,
                                k,
                                format!("[{i}].prerequisites[{j}].level"),
                                competency,
                                *level,
                            );
                        }
                    }
                    Prerequisite::Module(id) => {
                        if data.module(id).is_none() {
                            self.err_with(
                                k,
                                format!("[{i}].prerequisites[{j}]"),
                                format!("module prérequis `{id}` inconnu"),
                                id,
                                |_| {
                                    Some(suggest(
                                        id.as_str(),
                                        data.modules().iter().map(|m| m.id.as_str()),
                                    ))
                                },
                            );
                        }
                    }
                }
            }
            if m.hours > MAX_MODULE_HOURS {
                self.err_help(
                    k,
                    format!("[{i}].hours"),
                    format!(
                        "le module `{}` dure {} heures, plus que la limite de {MAX_MODULE_HOURS}",
                        m.id, m.hours
                    ),
                    &m.id,
                    "découpez un long cycle en modules de quelques jours chacun",
                );
            }
            if m.hours == 0 {
                self.err(
                    k,
                    format!("[{i}].hours"),
                    format!("le module `{}` dure 0 heure", m.id),
                    &m.id,
                );
            }
            if m.min_participants == 0 {
                self.err(
                    k,
                    format!("[{i}].min_participants"),
                    format!(
                        "le module `{}` doit accueillir au moins 1 participant",
                        m.id
                    ),
                    &m.id,
                );
            }
            if m.max_participants > MAX_PARTICIPANTS {
                self.err(
                    k,
                    format!("[{i}].max_participants"),
                    format!("le module `{}` accepte {} participants par session, plus que la limite de {MAX_PARTICIPANTS}", m.id, m.max_participants),
                    &m.id,
                );
            }
            if m.min_participants > m.max_participants {
                self.err(
                    k,
                    format!("[{i}].max_participants"),
                    format!(
                        "le module `{}` a un nombre minimal de participants au-dessus du nombre maximal",
                        m.id
                    ),
                    &m.id,
                );
            }
            self.module_channels(i, m);
            if m.recommendations.is_empty() {
                self.err(
                    k,
                    format!("[{i}].recommendations"),
                    format!("le module `{}` ne met en œuvre aucune préconisation", m.id),
                    &m.id,
                );
            }
            for (j, n) in m.recommendations.iter().enumerate() {
                match data.recommendation(*n) {
                    None => self.err(k, format!("[{i}].recommendations[{j}]"), format!("préconisation {} inconnue", n.0), n),
                    Some(r) if r.reading.nature != Nature::Training => self.err_help(
                        k,
                        format!("[{i}].recommendations[{j}]"),
                        format!("le module `{}` cite la préconisation institutionnelle {}", m.id, n.0),
                        n,
                        "une préconisation institutionnelle n'a volontairement pas de module ; citez une préconisation de formation",
                    ),
                    Some(_) => {}
                }
            }
        }
    }

    fn recommendation_modules(&mut self, data: &ReferenceData) {
        for (i, r) in data.recommendations().iter().enumerate() {
            if r.reading.nature == Nature::Training
                && data.modules_of_recommendation(r.number).is_empty()
            {
                self.err_help(
                    FileKind::Recommendations,
                    format!("[{i}].reading.nature"),
                    format!(
                        "la préconisation de formation {} n'a aucun module dans le catalogue",
                        r.number.0
                    ),
                    r.number,
                    "ajoutez un module qui la cite, ou marquez-la `Institutional(kind: ..)`",
                );
            }
        }
    }

    fn cycles(&mut self, data: &ReferenceData) {
        let mut g: DiGraph<usize, ()> = DiGraph::new();
        let nodes: Vec<NodeIndex> = (0..data.modules().len()).map(|i| g.add_node(i)).collect();
        let pos: BTreeMap<&ModuleId, usize> = data
            .modules()
            .iter()
            .enumerate()
            .map(|(i, m)| (&m.id, i))
            .rev()
            .collect();
        for (i, m) in data.modules().iter().enumerate() {
            for p in &m.prerequisites {
                if let Prerequisite::Module(id) = p
                    && let Some(&j) = pos.get(id)
                {
                    g.add_edge(nodes[i], nodes[j], ());
                }
            }
        }
        let mut sccs: Vec<Vec<usize>> = tarjan_scc(&g)
            .into_iter()
            .filter(|c| c.len() > 1 || g.contains_edge(c[0], c[0]))
            .map(|c| c.into_iter().map(|n| g[n]).sorted().collect())
            .collect();
        sccs.sort();
        for scc in sccs {
            let start = scc[0];
            let members: BTreeSet<usize> = scc.iter().copied().collect();
            let path = cycle_path(start, &members, |i| {
                data.modules()[i]
                    .prerequisites
                    .iter()
                    .filter_map(|p| match p {
                        Prerequisite::Module(id) => pos.get(id).copied(),
                        Prerequisite::Competency { .. } => None,
                    })
                    .sorted()
                    .dedup()
                    .collect()
            });
            let text = path
                .iter()
                .map(|&i| data.modules()[i].id.as_str())
                .join(" → ");
            self.err_help(
                FileKind::Catalogue,
                format!("[{start}].prerequisites"),
                format!("cycle de prérequis : {text}"),
                &data.modules()[start].id,
                "retirez l'un de ces prérequis pour que les modules puissent s'enchaîner",
            );
        }
    }

    /// A module's own channels: self-training exactly for the self-training modules, each
    /// channel once.
    fn module_channels(&mut self, i: usize, m: &crate::model::Module) {
        let k = FileKind::Catalogue;
        let self_training = m.modality == Modality::SelfTraining;
        for (j, c) in m.channels.iter().enumerate() {
            if (*c == Channel::SelfTraining) != self_training {
                self.err_help(
                    k,
                    format!("[{i}].channels[{j}]"),
                    format!(
                        "le module `{}` de modalité {:?} ne peut pas être financé par le canal {:?}",
                        m.id, m.modality, c
                    ),
                    &m.id,
                    "un module d'autoformation est financé en autoformation (SelfTraining), tout autre module par Inter, Intra ou PayingBody",
                );
            }
            if m.channels[..j].contains(c) {
                self.err(
                    k,
                    format!("[{i}].channels[{j}]"),
                    format!("le module `{}` cite deux fois le canal {c:?}", m.id),
                    &m.id,
                );
            }
        }
    }

    fn funding(&mut self, data: &ReferenceData) {
        let k = FileKind::Planning;
        let f = &data.planning().funding;
        if f.default_channels.is_empty() {
            self.err(
                k,
                "funding.default_channels",
                "aucun canal de financement par défaut",
                "default_channels",
            );
        }
        for (j, c) in f.default_channels.iter().enumerate() {
            if *c == Channel::SelfTraining || f.default_channels[..j].contains(c) {
                self.err_help(
                    k,
                    format!("funding.default_channels[{j}]"),
                    format!("le canal {c:?} est cité deux fois ou est celui de l'autoformation"),
                    format!("{c:?}"),
                    "les modules d'autoformation sont financés en autoformation quoi que dise cette liste ; citez Inter, Intra ou PayingBody, chacun une fois",
                );
            }
        }
        for (name, value, max) in [
            (
                "intra_per_session_day",
                f.intra_per_session_day,
                MAX_SESSION_DAY_PRICE,
            ),
            (
                "paying_body_per_trainee_day",
                f.paying_body_per_trainee_day,
                MAX_TRAINEE_DAY_PRICE,
            ),
            (
                "licence_per_agent",
                f.licence_per_agent,
                MAX_TRAINEE_DAY_PRICE,
            ),
            ("levy_basis_points", f.levy_basis_points, 1_000),
        ] {
            if value > max {
                self.err(
                    k,
                    format!("funding.{name}"),
                    format!("{value} est hors des limites (0 à {max})"),
                    value,
                );
            }
        }
    }

    fn planning(&mut self, data: &ReferenceData) {
        self.funding(data);
        let k = FileKind::Planning;
        let p = &data.planning();
        if !(1..=12).contains(&p.hours_per_day) {
            self.err(
                k,
                "hours_per_day",
                format!(
                    "{} heures dans une journée de formation n'est pas plausible (1 à 12)",
                    p.hours_per_day
                ),
                p.hours_per_day,
            );
        }
        if !(1..=100).contains(&p.expertise_share_percent) {
            self.err(
                k,
                "expertise_share_percent",
                format!(
                    "{} % est hors des limites (1 à 100)",
                    p.expertise_share_percent
                ),
                p.expertise_share_percent,
            );
        }
        for stage in Maturity::ALL {
            let n = p.maturity.iter().filter(|m| m.stage == stage).count();
            if n != 1 {
                self.err(
                    k,
                    "maturity",
                    format!(
                        "le stade de maturité `{stage:?}` doit être décrit exactement une fois (trouvé {n} fois)"
                    ),
                    format!("{stage:?}"),
                );
            }
        }
        for (i, m) in p.maturity.iter().enumerate() {
            for (part, shares) in [("core", m.core), ("specific", m.specific)] {
                let sum: u32 = shares.as_array().iter().sum();
                if sum != 100 {
                    self.err(
                        k,
                        format!("maturity[{i}].{part}"),
                        format!(
                            "les parts `{part}` du stade `{:?}` font {sum} en tout, et non 100",
                            m.stage
                        ),
                        format!("{:?}", m.stage),
                    );
                }
            }
        }
        self.unique(
            k,
            "identifiant de parcours",
            p.tracks.iter().map(|t| t.id.clone()),
            |i| format!("tracks[{i}].id"),
        );
        for (i, t) in p.tracks.iter().enumerate() {
            if matches!(t.audience, Audience::AllAgents | Audience::Cnfpt) {
                self.err(
                    k,
                    format!("tracks[{i}].audience"),
                    format!(
                        "le parcours `{}` ne peut pas représenter le public `{:?}`",
                        t.id, t.audience
                    ),
                    &t.id,
                );
            }
            if data.metier(&MetierId::new(t.id.as_str())).is_some() {
                self.err(
                    k,
                    format!("tracks[{i}].id"),
                    format!(
                        "l'identifiant de parcours `{}` est aussi celui d'un métier",
                        t.id
                    ),
                    &t.id,
                );
            }
            for (j, target) in t.targets.iter().enumerate() {
                self.target(data, k, &format!("tracks[{i}].targets[{j}]"), target);
            }
        }
        self.statutory(&p.statutory);
    }

    /// The minimum durations of statutory training: plausible numbers of days, a period of
    /// one to ten years.
    fn statutory(&mut self, s: &crate::model::StatutoryDurations) {
        let k = FileKind::Planning;
        let mut days: Vec<(String, u32)> = Vec::new();
        for (part, by) in [("integration", s.integration), ("first_job", s.first_job)] {
            for (letter, d) in by.by_letter() {
                days.push((format!("statutory.{part}.{}", letter.to_lowercase()), d));
            }
        }
        days.push(("statutory.career_days".into(), s.career_days));
        days.push(("statutory.responsibility".into(), s.responsibility));
        for (path, d) in days {
            if d > MAX_STATUTORY_DAYS {
                self.err_help(
                    k,
                    path,
                    format!(
                        "{d} jours de formation statutaire n'est pas plausible (0 à {MAX_STATUTORY_DAYS})"
                    ),
                    d,
                    "ce sont les durées minimales du décret n° 2008-512, en jours de formation",
                );
            }
        }
        if !(1..=10).contains(&s.career_period_years) {
            self.err_help(
                k,
                "statutory.career_period_years",
                format!(
                    "une période de {} {} est hors des limites (1 à 10 ans)",
                    s.career_period_years,
                    if s.career_period_years < 2 {
                        "an"
                    } else {
                        "ans"
                    }
                ),
                s.career_period_years,
                "la formation tout au long de la carrière se compte par période de 5 ans",
            );
        }
    }

    fn reachability(&mut self, data: &ReferenceData) {
        let reached = reachable_levels(data);
        let ok = |c: &CompetencyId, l: Level| reached.get(c).is_some_and(|r| *r >= l);
        // (competency, level) → métiers (or "core") that need it, and where to point.
        let mut missing: BTreeMap<(CompetencyId, Level), (Vec<String>, String)> = BTreeMap::new();
        for (i, t) in data.requirements().core.iter().enumerate() {
            for l in [Some(t.year10), t.year5].into_iter().flatten() {
                if data.competency(&t.competency).is_some() && !ok(&t.competency, l) {
                    missing
                        .entry((t.competency.clone(), l))
                        .or_insert_with(|| (Vec::new(), format!("core[{i}]")))
                        .0
                        .push("le socle commun".into());
                }
            }
        }
        for m in data.metiers() {
            for t in data.targets(&m.id) {
                for l in [Some(t.year10), t.year5].into_iter().flatten() {
                    if data.competency(&t.competency).is_some() && !ok(&t.competency, l) {
                        let e = missing.entry((t.competency.clone(), l)).or_insert_with(|| {
                            (Vec::new(), requirement_path(data, &m.id, &t.competency))
                        });
                        // A métier's pushes for one key come one after the other.
                        if e.0.last() != Some(&m.id.0) {
                            e.0.push(m.id.0.clone());
                        }
                    }
                }
            }
        }
        for (i, t) in data.planning().tracks.iter().enumerate() {
            for (j, target) in t.targets.iter().enumerate() {
                for l in [Some(target.year10), target.year5].into_iter().flatten() {
                    if data.competency(&target.competency).is_some() && !ok(&target.competency, l) {
                        missing
                            .entry((target.competency.clone(), l))
                            .or_insert_with(|| {
                                (Vec::new(), format!("planning:tracks[{i}].targets[{j}]"))
                            })
                            .0
                            .push(t.id.clone());
                    }
                }
            }
        }
        for ((c, l), (who, path)) in missing {
            let shown = who.iter().take(5).join(", ");
            let more = if who.len() > 5 {
                format!(" et {} autres", who.len() - 5)
            } else {
                String::new()
            };
            let providers = data.providers(&c, l);
            let help = if providers.is_empty() {
                format!("aucun module du catalogue n'amène `{c}` au niveau `{l}` : ajoutez-en un")
            } else {
                format!(
                    "les modules qui y amènent ({}) ont des prérequis impossibles à remplir",
                    providers.iter().map(|m| m.id.as_str()).join(", ")
                )
            };
            let (kind, path) = match path.strip_prefix("planning:") {
                Some(p) => (FileKind::Planning, p.to_owned()),
                None => (FileKind::Requirements, path),
            };
            self.err_help(
                kind,
                path,
                format!("le niveau `{l}` de la compétence `{c}` est requis ({shown}{more}), mais le catalogue ne permet pas de l'atteindre"),
                &c,
                help,
            );
        }
    }
}

/// The job titles of `aliases.ron` (issue 21).
impl Checker<'_> {
    /// Every group has a source; every métier exists; every title has letters and names one
    /// métier only, whatever the métier names and aliases of `metiers.ron` already say.
    fn alias_titles(&mut self, data: &ReferenceData) {
        let k = FileKind::Aliases;
        // Key of a title → the métier it names (names and `metiers.ron` aliases first).
        let mut owners: BTreeMap<String, &MetierId> = BTreeMap::new();
        for m in data.metiers() {
            let names = [m.id.as_str(), &m.name, &m.short_name];
            for n in names
                .into_iter()
                .chain(m.aliases.iter().map(|a| a.name.as_str()))
            {
                owners.entry(crate::titles::key(n)).or_insert(&m.id);
            }
        }
        for (i, g) in data.aliases().iter().enumerate() {
            if g.source.trim().is_empty() {
                self.err_help(
                    k,
                    format!("[{i}].source"),
                    "la source de ce groupe d'appellations est vide",
                    i,
                    "dites d'où viennent ces intitulés, ou pourquoi le projet les rapproche de ces métiers (avec `judgment: true`)",
                );
            }
            for (j, a) in g.aliases.iter().enumerate() {
                let Some(m) = data.metier(&a.metier) else {
                    self.unknown_metier(data, k, format!("[{i}].aliases[{j}].metier"), &a.metier);
                    continue;
                };
                for (l, n) in a.names.iter().enumerate() {
                    let key = crate::titles::key(n);
                    let path = format!("[{i}].aliases[{j}].names[{l}]");
                    if key.is_empty() {
                        self.err(
                            k,
                            path,
                            format!("un intitulé du métier `{}` n'a pas de mot", m.id),
                            &m.id,
                        );
                        continue;
                    }
                    match owners.get(&key) {
                        Some(owner) if *owner != &m.id => self.err_help(
                            k,
                            path,
                            format!(
                                "l'intitulé « {n} » du métier `{}` désigne déjà le métier `{owner}`",
                                m.id
                            ),
                            &m.id,
                            "un intitulé ne peut désigner qu'un métier, sinon un export du logiciel RH serait ambigu",
                        ),
                        Some(_) => {}
                        None => {
                            owners.insert(key, &m.id);
                        }
                    }
                }
            }
        }
    }
}

/// Rules on what the data says (names, categories, targets, citations), added with issue 20:
/// each problem is reported in French, in the words of territorial HR.
impl Checker<'_> {
    /// Every métier has a short name; répertoire codes are well formed, unique and only on
    /// répertoire métiers; aliases name one métier only; former ids stay distinct from every
    /// current id.
    fn metier_names(&mut self, data: &ReferenceData) {
        let k = FileKind::Metiers;
        let current: BTreeSet<&str> = data.metiers().iter().map(|m| m.id.as_str()).collect();
        let mut codes: BTreeMap<&str, &MetierId> = BTreeMap::new();
        // Lowercased name → the métier that uses it (names and short names first).
        let mut names: BTreeMap<String, &MetierId> = BTreeMap::new();
        for m in data.metiers() {
            for n in [&m.name, &m.short_name] {
                if !n.trim().is_empty() {
                    names.entry(n.trim().to_lowercase()).or_insert(&m.id);
                }
            }
        }
        let mut former: BTreeMap<&str, &MetierId> = BTreeMap::new();
        for (i, m) in data.metiers().iter().enumerate() {
            if m.short_name.trim().is_empty() {
                self.err_help(
                    k,
                    format!("[{i}].id"),
                    format!("le métier `{}` n'a pas de nom court", m.id),
                    &m.id,
                    "ajoutez `short_name`, le nom à afficher dans les tableaux (« Agent d'accueil », « ATSEM »)",
                );
            }
            if let Some(code) = &m.code {
                if !is_repertoire_code(code) {
                    self.err_help(
                        k,
                        format!("[{i}].code"),
                        format!("le code `{code}` du métier `{}` n'a pas la forme d'un code du répertoire", m.id),
                        &m.id,
                        "un code du répertoire des métiers territoriaux s'écrit comme `E2C/07`",
                    );
                }
                if !m.repertoire {
                    self.err_help(
                        k,
                        format!("[{i}].code"),
                        format!("le métier `{}` a un code du répertoire mais n'est pas marqué comme métier du répertoire", m.id),
                        &m.id,
                        "ajoutez `repertoire: true` ou retirez le code",
                    );
                }
                if let Some(other) = codes.insert(code.as_str(), &m.id) {
                    self.err(
                        k,
                        format!("[{i}].code"),
                        format!("le code `{code}` est déjà celui du métier `{other}`"),
                        &m.id,
                    );
                }
            }
            for (j, a) in m.aliases.iter().enumerate() {
                let key = a.name.trim().to_lowercase();
                if key.is_empty() {
                    self.err(
                        k,
                        format!("[{i}].aliases[{j}].name"),
                        format!("une appellation du métier `{}` est vide", m.id),
                        &m.id,
                    );
                    continue;
                }
                match names.get(&key) {
                    Some(owner) if *owner != &m.id => self.err_help(
                        k,
                        format!("[{i}].aliases[{j}].name"),
                        format!(
                            "l'appellation « {} » du métier `{}` désigne déjà le métier `{owner}`",
                            a.name, m.id
                        ),
                        &m.id,
                        "une appellation ne peut désigner qu'un métier, sinon un intitulé de poste importé serait ambigu",
                    ),
                    Some(_) => {}
                    None => {
                        names.insert(key, &m.id);
                    }
                }
                if a.source.as_deref().is_some_and(|s| s.trim().is_empty()) {
                    self.err(
                        k,
                        format!("[{i}].aliases[{j}].source"),
                        format!("la source de l'appellation « {} » est vide", a.name),
                        &m.id,
                    );
                }
            }
            for (j, f) in m.former_ids.iter().enumerate() {
                let path = format!("[{i}].former_ids[{j}].id");
                if current.contains(f.id.as_str()) {
                    self.err_help(
                        k,
                        path,
                        format!("l'ancien identifiant `{}` du métier `{}` est l'identifiant d'un métier actuel", f.id, m.id),
                        &f.id,
                        "un ancien identifiant doit rester libre pour que les profils qui l'emploient désignent un seul métier",
                    );
                } else if let Some(other) = former.insert(f.id.as_str(), &m.id) {
                    self.err(
                        k,
                        path,
                        format!(
                            "l'ancien identifiant `{}` est déjà celui du métier `{other}`",
                            f.id
                        ),
                        &f.id,
                    );
                } else if !is_kebab(f.id.as_str()) {
                    self.err(
                        k,
                        path,
                        format!("l'ancien identifiant `{}` n'est pas en minuscules ASCII séparées par des tirets", f.id),
                        &f.id,
                    );
                }
                if f.note.trim().is_empty() {
                    self.err(
                        k,
                        format!("[{i}].former_ids[{j}].note"),
                        format!(
                            "l'ancien identifiant `{}` doit dire pourquoi l'identifiant a changé",
                            f.id
                        ),
                        &f.id,
                    );
                }
            }
        }
    }

    /// A headcount has a source and a plausible year, and one population is never counted for
    /// two métiers (the same figure from the same source on two métiers).
    fn headcounts(&mut self, data: &ReferenceData) {
        let k = FileKind::Metiers;
        let mut seen: BTreeMap<(u32, u16, &str), &MetierId> = BTreeMap::new();
        for (i, m) in data.metiers().iter().enumerate() {
            let Some(h) = &m.headcount else { continue };
            if h.source.trim().is_empty() {
                self.err(
                    k,
                    format!("[{i}].headcount.source"),
                    format!("l'effectif du métier `{}` n'a pas de source", m.id),
                    &m.id,
                );
            }
            if !(1980..=2100).contains(&h.year) {
                self.err(
                    k,
                    format!("[{i}].headcount.year"),
                    format!(
                        "l'année {} de l'effectif du métier `{}` n'est pas plausible",
                        h.year, m.id
                    ),
                    &m.id,
                );
            }
            if let Some(other) = seen.insert((h.agents, h.year, h.source.trim()), &m.id) {
                self.err_help(
                    k,
                    format!("[{i}].headcount"),
                    format!(
                        "le métier `{}` porte le même effectif ({} agents, {}, même source) que le métier `{other}`",
                        m.id, h.agents, h.year
                    ),
                    &m.id,
                    "une même population ne se compte qu'une fois : gardez l'effectif sur le métier du répertoire qui la couvre",
                );
            }
        }
    }

    /// Category members are répertoire métiers; high-headcount members have a public headcount
    /// or say how they were ranked, and no métier left out has a larger known headcount than a
    /// member's; a métier both sensitive and shrinking carries one rationale for both.
    fn category_members(&mut self, data: &ReferenceData) {
        let k = FileKind::Classification;
        let c = &data.classification();
        for (key, list) in [
            ("sensitive", &c.sensitive),
            ("high_headcount", &c.high_headcount),
            ("shrinking", &c.shrinking),
        ] {
            for (i, a) in list.iter().enumerate() {
                let Some(m) = data.metier(&a.metier) else {
                    continue;
                };
                if !m.repertoire {
                    self.err_help(
                        k,
                        format!("{key}[{i}].metier"),
                        format!(
                            "le métier `{}` n'est pas un métier du répertoire : il ne peut pas figurer dans les listes de l'étude",
                            a.metier
                        ),
                        &a.metier,
                        "l'étude a tiré ses listes des 241 métiers du répertoire ; rattachez ce métier au métier du répertoire dont il relève",
                    );
                }
                if key != "high_headcount" && a.ranked_by.is_some() {
                    self.err(
                        k,
                        format!("{key}[{i}].ranked_by"),
                        "`ranked_by` ne sert qu'à la liste des plus forts effectifs",
                        &a.metier,
                    );
                }
                if key == "high_headcount" {
                    let ranked = a.ranked_by.as_deref().is_some_and(|r| !r.trim().is_empty());
                    if m.headcount.is_none() && !ranked {
                        self.err_help(
                            k,
                            format!("{key}[{i}].metier"),
                            format!(
                                "le métier `{}` figure parmi les plus forts effectifs sans effectif public ni explication de son rang",
                                a.metier
                            ),
                            &a.metier,
                            "donnez l'effectif et sa source dans metiers.ron, ou dites dans `ranked_by` comment le métier a été classé (un chiffre ne s'invente pas)",
                        );
                    }
                    if m.headcount.is_some() && a.ranked_by.is_some() {
                        self.err(
                            k,
                            format!("{key}[{i}].ranked_by"),
                            format!("le métier `{}` a un effectif public : son rang vient de cet effectif, retirez `ranked_by`", a.metier),
                            &a.metier,
                        );
                    }
                }
            }
        }
        // The smallest known headcount among the members, and a larger one left out.
        let members: BTreeSet<&MetierId> = c
            .high_headcount
            .iter()
            .filter_map(|a| data.metier(&a.metier).map(|m| &m.id))
            .collect();
        let smallest = c
            .high_headcount
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                data.metier(&a.metier)
                    .and_then(|m| m.headcount.as_ref())
                    .map(|h| (h.agents, i, &a.metier))
            })
            .min();
        if let Some((floor, i, member)) = smallest {
            for m in data.metiers() {
                if let Some(h) = &m.headcount
                    && h.agents > floor
                    && !members.contains(&m.id)
                {
                    self.err_help(
                        k,
                        format!("high_headcount[{i}].metier"),
                        format!(
                            "le métier `{}` ({} agents) n'est pas parmi les plus forts effectifs alors que `{member}` ({floor} agents) y est",
                            m.id, h.agents
                        ),
                        &m.id,
                        "la liste des plus forts effectifs suit les effectifs publics : ajoutez le métier plus nombreux ou retirez le moins nombreux",
                    );
                }
            }
        }
        for (i, a) in c.shrinking.iter().enumerate() {
            if let Some(s) = c.sensitive.iter().find(|s| s.metier == a.metier)
                && s.rationale.trim() != a.rationale.trim()
            {
                self.err_help(
                    k,
                    format!("shrinking[{i}].rationale"),
                    format!(
                        "le métier `{}` est sensible et possiblement en baisse avec deux justifications différentes",
                        a.metier
                    ),
                    &a.metier,
                    "choisissez une lecture, ou écrivez une seule justification qui explique les deux et reprenez-la dans les deux listes",
                );
            }
        }
    }

    /// Every footnote is attached where the study puts it: an effect, a recommendation or the
    /// two horizons.
    fn footnotes_attached(&mut self, data: &ReferenceData) {
        let k = FileKind::Effects;
        for (j, f) in data.horizon_footnotes().iter().enumerate() {
            if data.footnote(*f).is_none() {
                self.err(
                    k,
                    format!("horizon_footnotes[{j}]"),
                    format!("note {} inconnue", f.0),
                    f.0,
                );
            }
        }
        let attached: BTreeSet<u16> = data
            .effects()
            .iter()
            .flat_map(|e| &e.footnotes)
            .chain(data.recommendations().iter().flat_map(|r| &r.footnotes))
            .chain(data.horizon_footnotes())
            .map(|f| f.0)
            .collect();
        for (i, f) in data.footnotes().iter().enumerate() {
            if !attached.contains(&f.number.0) {
                self.err_help(
                    k,
                    format!("footnotes[{i}].number"),
                    format!("la note {} n'est rattachée à rien", f.number.0),
                    f.number.0,
                    "rattachez-la là où l'étude l'appelle : un effet (`footnotes`), une préconisation, ou les deux horizons (`horizon_footnotes`)",
                );
            }
        }
    }

    /// A Pix score never counts as *expertise* (Pix assesses reliably up to about level 5-6,
    /// and expertise means being the collectivity's referent), and Pix 8 counts as Pix 7.
    fn pix_mapping_limits(&mut self, data: &ReferenceData) {
        let k = FileKind::Competencies;
        let levels = &data.competencies().pix_mapping.levels;
        for (i, p) in levels.iter().enumerate() {
            if p.level == Some(Level::Expertise) {
                self.err_help(
                    k,
                    format!("pix_mapping.levels[{i}].level"),
                    format!("le niveau Pix {} ne peut pas valoir « expertise »", p.pix),
                    "pix_mapping",
                    "Pix n'évalue de façon fiable que jusque vers le niveau 5-6 : un score montre un usage des outils, pas le rôle de référent qui définit l'expertise",
                );
            }
        }
        let at = |n: u8| levels.iter().find(|p| p.pix == n).map(|p| p.level);
        if let (Some(l7), Some(l8)) = (at(7), at(8))
            && l7 != l8
        {
            let i = levels.iter().position(|p| p.pix == 8).unwrap_or(0);
            self.err_help(
                k,
                format!("pix_mapping.levels[{i}]"),
                "le niveau Pix 8 doit compter comme le niveau 7",
                "pix_mapping",
                "le niveau 8, défini par le cadre de référence, n'est pas encore atteignable dans Pix",
            );
        }
    }

    /// Families of métiers: unique ids, known where métiers name them; the common core and the
    /// families' targets are Pix competences only.
    fn core_families(&mut self, data: &ReferenceData) {
        let k = FileKind::Requirements;
        let r = &data.requirements();
        self.unique(
            k,
            "identifiant de famille de métiers",
            r.families.iter().map(|f| f.id.clone()),
            |i| format!("families[{i}].id"),
        );
        let core_only = |c: &mut Self, path: String, t: &Target| {
            if data.competency(&t.competency).is_some() && !data.is_core(&t.competency) {
                c.err_help(
                    k,
                    path,
                    format!(
                        "`{}` n'est pas une compétence du socle Pix : elle ne peut pas être une cible commune",
                        t.competency
                    ),
                    &t.competency,
                    "mettez les compétences propres aux métiers dans leurs cibles (`metiers`)",
                );
            }
        };
        for (i, t) in r.core.iter().enumerate() {
            core_only(self, format!("core[{i}].competency"), t);
        }
        for (i, f) in r.families.iter().enumerate() {
            if f.rationale.trim().is_empty() {
                self.err(
                    k,
                    format!("families[{i}].rationale"),
                    format!("la famille `{}` doit dire d'où viennent ses cibles", f.id),
                    &f.id,
                );
            }
            for (j, t) in f.targets.iter().enumerate() {
                self.target(data, k, &format!("families[{i}].targets[{j}]"), t);
                core_only(self, format!("families[{i}].targets[{j}].competency"), t);
            }
        }
        for (i, m) in r.metiers.iter().enumerate() {
            if let Some(f) = &m.family
                && data.family(f).is_none()
            {
                let help = suggest(f, r.families.iter().map(|f| f.id.as_str()));
                self.err_help(
                    k,
                    format!("metiers[{i}].family"),
                    format!("famille de métiers `{f}` inconnue"),
                    f,
                    help,
                );
            }
        }
    }

    /// An *expertise* target only where the competency's expertise level fits the métier's
    /// role (`expertise_holders`); the holders are known métiers.
    fn expertise_targets(&mut self, data: &ReferenceData) {
        for (i, c) in data.competencies().competencies.iter().enumerate() {
            for (j, h) in c.expertise_holders.iter().enumerate() {
                if data.metier(h).is_none() {
                    let help = suggest(h.as_str(), data.metiers().iter().map(|m| m.id.as_str()));
                    self.err_help(
                        FileKind::Competencies,
                        format!("competencies[{i}].expertise_holders[{j}]"),
                        format!("métier `{h}` inconnu"),
                        h,
                        help,
                    );
                }
            }
        }
        let k = FileKind::Requirements;
        for (i, m) in data.requirements().metiers.iter().enumerate() {
            // An unknown métier is reported once, by `requirements`.
            if data.metier(&m.metier).is_none() {
                continue;
            }
            let id = data.current_metier_id(&m.metier);
            for (j, t) in m.targets.iter().enumerate() {
                let Some(c) = data.competency(&t.competency) else {
                    continue;
                };
                for (year, level) in [("year10", Some(t.year10)), ("year5", t.year5)] {
                    if level != Some(Level::Expertise)
                        || c.expertise_holders
                            .iter()
                            .any(|h| data.current_metier_id(h) == id)
                    {
                        continue;
                    }
                    let meaning = c
                        .levels
                        .iter()
                        .find(|l| l.level == Level::Expertise)
                        .map_or("", |l| l.meaning.as_str());
                    self.err_help(
                        k,
                        format!("metiers[{i}].targets[{j}].{year}"),
                        format!(
                            "le métier `{}` ne peut pas viser l'expertise en `{}` : ce niveau est défini comme « {meaning} »",
                            m.metier, t.competency
                        ),
                        &t.competency,
                        "visez l'approfondissement, ou ajoutez le métier aux `expertise_holders` de la compétence si son rôle correspond à cette définition",
                    );
                }
            }
        }
    }

    /// A module cites only recommendations that address one of its audiences.
    fn module_audiences(&mut self, data: &ReferenceData) {
        let k = FileKind::Catalogue;
        for (i, m) in data.modules().iter().enumerate() {
            for (j, n) in m.recommendations.iter().enumerate() {
                let Some(r) = data.recommendation(*n) else {
                    continue;
                };
                let wanted = &r.reading.audiences;
                if r.reading.nature != Nature::Training || wanted.is_empty() {
                    continue;
                }
                let fits = m.audience.iter().any(|a| {
                    wanted.contains(a)
                        || (wanted.contains(&Audience::AllAgents)
                            && !matches!(a, Audience::ElectedOfficials | Audience::Cnfpt))
                });
                if !fits {
                    let labels = |v: &[Audience]| v.iter().map(|a| a.label()).join(", ");
                    self.err_help(
                        k,
                        format!("[{i}].recommendations[{j}]"),
                        format!(
                            "le module `{}` cite la préconisation {}, qui s'adresse à : {} ; le module est ouvert à : {}",
                            m.id,
                            n.0,
                            labels(wanted),
                            labels(&m.audience)
                        ),
                        n,
                        "retirez la citation, ou ouvrez le module à l'un des publics de la préconisation",
                    );
                }
            }
        }
    }
}

/// Whether `code` has the form of a code of the CNFPT répertoire des métiers (`E2C/07`: a
/// letter, a digit, a letter, a slash, two digits).
fn is_repertoire_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 6
        && b[0].is_ascii_uppercase()
        && b[1].is_ascii_digit()
        && b[2].is_ascii_uppercase()
        && b[3] == b'/'
        && b[4].is_ascii_digit()
        && b[5].is_ascii_digit()
}

/// The highest level of each competency that some sequence of modules can reach from nothing.
///
/// A fixpoint, reached by a work list: a module is looked at again only when a module it
/// requires is taken or a competency it depends on rises (each module is taken once, so the
/// cost grows with the catalogue and its prerequisites, not with the length of its chains).
pub fn reachable_levels(data: &ReferenceData) -> BTreeMap<CompetencyId, Level> {
    let modules = &data.modules();
    // The modules to look at again when a competency rises, or when a module is taken.
    let mut on_competency: rustc_hash::FxHashMap<&CompetencyId, Vec<usize>> = Default::default();
    let mut on_module: rustc_hash::FxHashMap<&ModuleId, Vec<usize>> = Default::default();
    for (i, m) in modules.iter().enumerate() {
        on_competency.entry(&m.competency).or_default().push(i);
        for p in &m.prerequisites {
            match p {
                Prerequisite::Competency { competency, .. } => {
                    on_competency.entry(competency).or_default().push(i);
                }
                Prerequisite::Module(id) => on_module.entry(id).or_default().push(i),
            }
        }
    }
    let mut reached: BTreeMap<CompetencyId, Level> = BTreeMap::new();
    let mut taken: BTreeSet<&ModuleId> = BTreeSet::new();
    let mut queued = vec![true; modules.len()];
    let mut queue: VecDeque<usize> = (0..modules.len()).collect();
    while let Some(i) = queue.pop_front() {
        queued[i] = false;
        let m = &modules[i];
        if taken.contains(&m.id) || !prerequisites_met(data, m, &reached, &taken) {
            continue;
        }
        taken.insert(&m.id);
        let rose = match reached.get_mut(&m.competency) {
            Some(l) if *l >= m.level => false,
            Some(l) => {
                *l = m.level;
                true
            }
            None => {
                reached.insert(m.competency.clone(), m.level);
                true
            }
        };
        let mut wake = |list: Option<&Vec<usize>>| {
            for &j in list.into_iter().flatten() {
                if !queued[j] {
                    queued[j] = true;
                    queue.push_back(j);
                }
            }
        };
        wake(on_module.get(&m.id));
        if rose {
            wake(on_competency.get(&m.competency));
        }
    }
    reached
}

/// Whether an agent holding `reached` levels, having followed `taken` modules, may take `m`:
/// the level just below in the same competency (when it is in range) and every explicit
/// prerequisite.
pub fn prerequisites_met(
    data: &ReferenceData,
    m: &crate::model::Module,
    reached: &BTreeMap<CompetencyId, Level>,
    taken: &BTreeSet<&ModuleId>,
) -> bool {
    let has = |c: &CompetencyId, l: Level| reached.get(c).is_some_and(|r| *r >= l);
    let min = data
        .competency(&m.competency)
        .map_or(Level::Socle, |c| c.min);
    if let Some(below) = m.level.below()
        && below >= min
        && !has(&m.competency, below)
    {
        return false;
    }
    m.prerequisites.iter().all(|p| match p {
        Prerequisite::Competency { competency, level } => has(competency, *level),
        Prerequisite::Module(id) => taken.contains(id),
    })
}

fn requirement_path(data: &ReferenceData, metier: &MetierId, c: &CompetencyId) -> String {
    if let Some((i, entry)) = data
        .requirements()
        .metiers
        .iter()
        .enumerate()
        .find(|(_, e)| &e.metier == metier)
        && let Some(j) = entry.targets.iter().position(|t| &t.competency == c)
    {
        return format!("metiers[{i}].targets[{j}]");
    }
    if let Some(j) = data
        .requirements()
        .core
        .iter()
        .position(|t| &t.competency == c)
    {
        return format!("core[{j}]");
    }
    String::new()
}

/// A cycle through `start` inside a strongly connected component, as a list of nodes that
/// begins and ends with `start` (breadth-first, so the shortest such cycle).
fn cycle_path(
    start: usize,
    members: &BTreeSet<usize>,
    next: impl Fn(usize) -> Vec<usize>,
) -> Vec<usize> {
    let mut parent: BTreeMap<usize, usize> = BTreeMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(n) = queue.pop_front() {
        for s in next(n) {
            if !members.contains(&s) {
                continue;
            }
            if s == start {
                let mut back = Vec::new();
                let mut cur = n;
                while cur != start {
                    back.push(cur);
                    cur = parent[&cur];
                }
                back.reverse();
                let mut path = vec![start];
                path.extend(back);
                path.push(start);
                return path;
            }
            if let std::collections::btree_map::Entry::Vacant(e) = parent.entry(s) {
                e.insert(n);
                queue.push_back(s);
            }
        }
    }
    vec![start, start]
}

fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// How a hint of [`suggest`] naming a close id begins.
pub const CLOSE_ID: &str = "vouliez-vous dire";

/// A "did you mean" hint (`vouliez-vous dire `x` ?`, see [`CLOSE_ID`]): the known id closest
/// to `wrong` by edit distance, if close enough; otherwise a hint to check the spelling.
pub fn suggest<'a>(wrong: &str, known: impl Iterator<Item = &'a str>) -> String {
    let length = wrong.chars().count();
    let max = (length / 3).max(2);
    // Two ids whose lengths differ by more than `max` are further apart than `max`: skipped,
    // so that a very long wrong id costs no distance computation.
    let best = known
        .filter(|k| k.chars().count().abs_diff(length) <= max)
        .map(|k| (edit_distance(wrong, k), k))
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(b.1)));
    match best {
        Some((d, k)) if d <= max => format!("{CLOSE_ID} `{k}` ?"),
        _ => "vérifiez l'orthographe par rapport aux identifiants des données de référence"
            .to_owned(),
    }
}

/// The edit distance between two texts, in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cycle_path_is_complete() {
        let members: BTreeSet<usize> = [0, 1, 2].into();
        let next = |n: usize| match n {
            0 => vec![1],
            1 => vec![2],
            _ => vec![0],
        };
        assert_eq!(cycle_path(0, &members, next), vec![0, 1, 2, 0]);
        let self_loop: BTreeSet<usize> = [4].into();
        assert_eq!(cycle_path(4, &self_loop, |_| vec![4]), vec![4, 4]);
    }

    #[test]
    fn funding_channels_are_checked() {
        let mut sources = Sources::embedded();
        let catalogue = sources.get(FileKind::Catalogue).text.replacen(
            "channels: [PayingBody],",
            "channels: [PayingBody, SelfTraining, PayingBody],",
            1,
        );
        sources.replace(FileKind::Catalogue, "catalogue.ron", catalogue);
        let planning = sources
            .get(FileKind::Planning)
            .text
            .replacen(
                "default_channels: [Inter, Intra],",
                "default_channels: [Inter, SelfTraining],",
                1,
            )
            .replacen("levy_basis_points: 90,", "levy_basis_points: 5000,", 1);
        sources.replace(FileKind::Planning, "planning.ron", planning);
        let problems = crate::ReferenceData::load(&sources).unwrap_err().0;
        let paths: Vec<(&str, &str)> = problems
            .iter()
            .map(|d| (d.file.as_str(), d.path.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            paths.len(),
            4,
            "{:?}",
            problems.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
        for expected in [
            "channels[1]",
            "channels[2]",
            "funding.default_channels[1]",
            "funding.levy_basis_points",
        ] {
            assert!(
                paths.iter().any(|(_, p)| p.ends_with(expected)),
                "{expected} not in {paths:?}"
            );
        }
    }

    #[test]
    fn texts_are_checked_where_they_are() {
        let mut sources = Sources::embedded();
        let catalogue = sources.get(FileKind::Catalogue).text.replacen(
            "Rechercher et vérifier",
            "Rechercher\\u{1b}[2J et vérifier",
            1,
        );
        sources.replace(FileKind::Catalogue, "catalogue.ron", catalogue);
        let metiers = sources.get(FileKind::Metiers).text.replacen(
            "\"Acheteur ou acheteuse publique\"",
            &format!("\"{}\"", "x".repeat(MAX_NAME_CHARS + 1)),
            1,
        );
        sources.replace(FileKind::Metiers, "metiers.ron", metiers);
        let long = format!("\"{}\"", "y".repeat(MAX_TEXT_CHARS + 1));
        let recs = sources.get(FileKind::Recommendations).text.replacen(
            "title: \"",
            &format!("title: {long}, continuation: \""),
            1,
        );
        sources.replace(FileKind::Recommendations, "recommendations.ron", recs);
        let problems = crate::ReferenceData::load(&sources).unwrap_err().0;
        let found: Vec<(&str, usize, Option<&str>, &str)> = problems
            .iter()
            .map(|d| {
                (
                    d.file.as_str(),
                    d.location.line,
                    d.path.as_deref(),
                    d.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    "recommendations.ron",
                    15,
                    Some("[0].title"),
                    "l'intitulé compte 2001 caractères, plus que la limite de 2000"
                ),
                (
                    "metiers.ron",
                    26,
                    Some("[0].name"),
                    "le nom compte 201 caractères, plus que la limite de 200"
                ),
                (
                    "catalogue.ron",
                    30,
                    Some("[0].title"),
                    "l'intitulé contient un caractère de contrôle (U+001B)"
                ),
            ]
        );
    }

    #[test]
    fn repertoire_codes() {
        assert!(is_repertoire_code("E2C/07") && is_repertoire_code("A1A/01"));
        for bad in ["E2C-07", "e2c/07", "E2C/7", "E2C/071", "22C/07", ""] {
            assert!(!is_repertoire_code(bad), "{bad}");
        }
    }

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("cybersecurit", ["cybersecurite", "amoa-si"].into_iter()),
            "vouliez-vous dire `cybersecurite` ?"
        );
        assert!(suggest("zzz", ["cybersecurite"].into_iter()).starts_with("vérifiez"));
        assert!(is_kebab("secretaire-de-mairie") && !is_kebab("Secretaire") && !is_kebab("a--b"));
        let long = "x".repeat(100_000);
        assert!(suggest(&long, ["cybersecurite"].into_iter()).starts_with("vérifiez"));
    }

    /// The fixpoint the plain way: passes over the catalogue until nothing changes.
    fn reachable_by_passes(data: &ReferenceData) -> BTreeMap<CompetencyId, Level> {
        let mut reached: BTreeMap<CompetencyId, Level> = BTreeMap::new();
        let mut taken: BTreeSet<&ModuleId> = BTreeSet::new();
        loop {
            let mut changed = false;
            for m in data.modules() {
                if taken.contains(&m.id) || !prerequisites_met(data, m, &reached, &taken) {
                    continue;
                }
                taken.insert(&m.id);
                let e = reached.entry(m.competency.clone()).or_insert(m.level);
                *e = (*e).max(m.level);
                changed = true;
            }
            if !changed {
                return reached;
            }
        }
    }

    #[test]
    fn reachable_levels_are_the_fixpoint() {
        let mut data = ReferenceData::embedded().expect("data");
        assert_eq!(reachable_levels(&data), reachable_by_passes(&data));
        // Reversed, every chain of prerequisites is found in as many passes as it is long.
        data.modules.reverse();
        assert_eq!(reachable_levels(&data), reachable_by_passes(&data));
        // Without the socle modules, little is reachable.
        data.modules
            .retain(|m| m.level != Level::Socle || m.id.as_str() < "m");
        assert_eq!(reachable_levels(&data), reachable_by_passes(&data));
    }
}
