//! Validation of the reference data: every reference resolves, ids are unique, levels sit in
//! their competency's range, category totals match, the prerequisite graph is acyclic, every
//! requirement is reachable through the catalogue, and every recommendation is either a training
//! one with modules or an institutional one without. All problems are returned at once.

use crate::data::ReferenceData;
use crate::diagnostic::{Diagnostic, Problems};
use crate::ids::{CompetencyId, MetierId, ModuleId};
use crate::locate::Locator;
use crate::model::{Prerequisite, Target};
use crate::sources::{FileKind, Sources};
use crate::vocab::{Audience, Category, Level, Maturity, Nature};
use itertools::Itertools;
use petgraph::algo::tarjan_scc;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Display;

/// Longest module accepted, in hours (a long cycle is several modules).
pub const MAX_MODULE_HOURS: u32 = 300;

/// Largest number of participants per session accepted.
pub const MAX_PARTICIPANTS: u32 = 100_000;

/// Checks `data` (parsed from `sources`) and returns every problem found, in file order.
pub fn validate(data: &ReferenceData, sources: &Sources) -> Vec<Diagnostic> {
    // Two halves of similar cost on two threads; the problems keep the checks' order.
    let checker = || Checker {
        sources,
        out: Problems::new(),
        locators: BTreeMap::new(),
    };
    let (mut first, (second, third)) = rayon::join(
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
                    format!("duplicate {what} `{k}`"),
                    &k,
                    |locator| {
                        let line = locator.locate_nearest(&first).line;
                        Some(format!(
                            "`{k}` is already defined at line {line}; ids must be unique"
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
                format!("level `{level}` is outside the range of competency `{competency}`"),
                competency,
                format!("`{competency}` makes sense from `{}` to `{}`", c.min, c.max),
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
        self.err_with(kind, path, format!("unknown competency `{id}`"), id, |_| {
            Some(suggest(
                id.as_str(),
                data.competencies.competencies.iter().map(|c| c.id.as_str()),
            ))
        });
        false
    }

    fn effects(&mut self, data: &ReferenceData) {
        let k = FileKind::Effects;
        // `data.effects` is sorted by number; report in file order on the raw paths.
        let raw = &data.effects;
        self.unique(k, "effect number", raw.iter().map(|e| e.number.0), |i| {
            format!("effects[{i}].number")
        });
        self.unique(
            k,
            "footnote number",
            data.footnotes.iter().map(|f| f.number.0),
            |i| format!("footnotes[{i}].number"),
        );
        for (i, e) in raw.iter().enumerate() {
            for (j, f) in e.footnotes.iter().enumerate() {
                if data.footnote(*f).is_none() {
                    self.err(
                        k,
                        format!("effects[{i}].footnotes[{j}]"),
                        format!("unknown footnote {}", f.0),
                        f.0,
                    );
                }
            }
            if e.title.trim().is_empty() {
                self.err(
                    k,
                    format!("effects[{i}].title"),
                    "empty effect title",
                    e.number,
                );
            }
        }
    }

    fn recommendations(&mut self, data: &ReferenceData) {
        let k = FileKind::Recommendations;
        self.unique(
            k,
            "recommendation number",
            data.recommendations.iter().map(|r| r.number.0),
            |i| format!("[{i}].number"),
        );
        for (i, r) in data.recommendations.iter().enumerate() {
            let p = |f: &str| format!("[{i}].{f}");
            if data.effect(r.effect).is_none() {
                self.err(
                    k,
                    p("effect"),
                    format!("unknown effect {}", r.effect.0),
                    r.effect,
                );
            }
            if r.title.trim().is_empty() {
                self.err(k, p("title"), "empty recommendation title", r.number);
            }
            for (j, f) in r.footnotes.iter().enumerate() {
                if data.footnote(*f).is_none() {
                    self.err(
                        k,
                        format!("[{i}].footnotes[{j}]"),
                        format!("unknown footnote {}", f.0),
                        f.0,
                    );
                }
            }
            for (j, g) in r.reading.groups.iter().enumerate() {
                if data.group(g).is_none() {
                    self.err_with(
                        k,
                        format!("[{i}].reading.groups[{j}]"),
                        format!("unknown métier group `{g}`"),
                        g,
                        |_| {
                            Some(suggest(
                                g.as_str(),
                                data.groups.iter().map(|g| g.id.as_str()),
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
                    format!("training recommendation {} develops no competency", r.number.0),
                    r.number,
                    "list the competencies and levels it develops, or mark it `Institutional(kind: ..)`",
                );
            }
            if r.reading.rationale.trim().is_empty() {
                self.err(
                    k,
                    p("reading.rationale"),
                    "the project's reading needs a rationale",
                    r.number,
                );
            }
        }
    }

    fn groups_and_fields(&mut self, data: &ReferenceData) {
        self.unique(
            FileKind::Groups,
            "métier group id",
            data.groups.iter().map(|g| g.id.clone()),
            |i| format!("[{i}].id"),
        );
        self.unique(
            FileKind::Fields,
            "field id",
            data.fields.iter().map(|f| f.id.clone()),
            |i| format!("[{i}].id"),
        );
    }

    fn metiers(&mut self, data: &ReferenceData) {
        let k = FileKind::Metiers;
        self.unique(
            k,
            "métier id",
            data.metiers.iter().map(|m| m.id.clone()),
            |i| format!("[{i}].id"),
        );
        for (i, m) in data.metiers.iter().enumerate() {
            if !is_kebab(m.id.as_str()) {
                self.err_help(
                    k,
                    format!("[{i}].id"),
                    format!("métier id `{}` is not lowercase ASCII kebab-case", m.id),
                    &m.id,
                    "use letters a-z, digits and single hyphens, e.g. `secretaire-de-mairie`",
                );
            }
            if m.field.as_str().trim().is_empty() {
                self.err(
                    k,
                    format!("[{i}].field"),
                    format!("métier `{}` is in no field", m.id),
                    &m.id,
                );
            } else if data.field(&m.field).is_none() {
                self.err_with(
                    k,
                    format!("[{i}].field"),
                    format!("unknown field `{}` for métier `{}`", m.field, m.id),
                    &m.field,
                    |_| {
                        Some(suggest(
                            m.field.as_str(),
                            data.fields.iter().map(|f| f.id.as_str()),
                        ))
                    },
                );
            }
            for (j, g) in m.groups.iter().enumerate() {
                if data.group(g).is_none() {
                    self.err_with(
                        k,
                        format!("[{i}].groups[{j}]"),
                        format!("unknown métier group `{g}`"),
                        g,
                        |_| {
                            Some(suggest(
                                g.as_str(),
                                data.groups.iter().map(|g| g.id.as_str()),
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
                        format!("`{r:?}` is not a role a métier can hold"),
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
        let c = &data.classification;
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
                &format!("{} entry", cat.key()),
                list.iter().map(|a| a.metier.clone()),
                |i| format!("{key}[{i}].metier"),
            );
            for (i, a) in list.iter().enumerate() {
                if data.metier(&a.metier).is_none() {
                    self.err_with(
                        k,
                        format!("{key}[{i}].metier"),
                        format!("unknown métier `{}`", a.metier),
                        &a.metier,
                        |_| {
                            Some(suggest(
                                a.metier.as_str(),
                                data.metiers.iter().map(|m| m.id.as_str()),
                            ))
                        },
                    );
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
                    format!("the `{key}` list has {members} métiers but the declared total is {declared}"),
                    key,
                    "make the list and the declared total agree (the study declares 42 / 20 / 33)",
                );
            }
        }
    }

    fn competencies(&mut self, data: &ReferenceData) {
        let k = FileKind::Competencies;
        let f = &data.competencies;
        self.unique(
            k,
            "domain id",
            f.domains.iter().map(|d| d.id.clone()),
            |i| format!("domains[{i}].id"),
        );
        self.unique(
            k,
            "competency id",
            f.competencies.iter().map(|c| c.id.clone()),
            |i| format!("competencies[{i}].id"),
        );
        let general: Vec<Level> = f.levels.iter().map(|l| l.level).collect();
        if general != Level::ALL {
            self.err(
                k,
                "levels",
                "`levels` must describe socle, approfondissement and expertise, in that order",
                "levels",
            );
        }
        let pix: Vec<u8> = f.pix_mapping.levels.iter().map(|p| p.pix).collect();
        if pix != (0..=8).collect::<Vec<u8>>() {
            self.err(
                k,
                "pix_mapping.levels",
                "the Pix mapping must list Pix levels 0 to 8 once each, in order",
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
                "the Pix mapping must not go down as the Pix level goes up",
                "pix_mapping",
            );
        }
        for (i, c) in f.competencies.iter().enumerate() {
            if data.domain(&c.domain).is_none() {
                self.err_with(
                    k,
                    format!("competencies[{i}].domain"),
                    format!("unknown domain `{}`", c.domain),
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
                    format!("competency `{}` has min above max", c.id),
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
                        "competency `{}` must describe exactly the levels of its range",
                        c.id
                    ),
                    &c.id,
                    format!("expected {}", expected.iter().join(", ")),
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
                        "the 5-year target of `{}` is above its 10-year target",
                        t.competency
                    ),
                    &t.competency,
                );
            }
        }
    }

    fn requirements(&mut self, data: &ReferenceData) {
        let k = FileKind::Requirements;
        let r = &data.requirements;
        for (i, t) in r.core.iter().enumerate() {
            self.target(data, k, &format!("core[{i}]"), t);
        }
        self.unique(
            k,
            "requirements entry for métier",
            r.metiers.iter().map(|m| m.metier.clone()),
            |i| format!("metiers[{i}].metier"),
        );
        for (i, m) in r.metiers.iter().enumerate() {
            if data.metier(&m.metier).is_none() {
                self.err_with(
                    k,
                    format!("metiers[{i}].metier"),
                    format!("unknown métier `{}`", m.metier),
                    &m.metier,
                    |_| {
                        Some(suggest(
                            m.metier.as_str(),
                            data.metiers.iter().map(|m| m.id.as_str()),
                        ))
                    },
                );
            }
            self.unique(
                k,
                "target competency",
                m.targets.iter().map(|t| t.competency.clone()),
                |j| format!("metiers[{i}].targets[{j}].competency"),
            );
            for (j, t) in m.targets.iter().enumerate() {
                self.target(data, k, &format!("metiers[{i}].targets[{j}]"), t);
            }
        }
        for (i, m) in data.metiers.iter().enumerate() {
            if !data.has_requirements(&m.id) {
                let src = self.sources.get(k).name.clone();
                self.err_help(
                    FileKind::Metiers,
                    format!("[{i}].id"),
                    format!("métier `{}` has no entry in {src}", m.id),
                    &m.id,
                    "add its job-specific targets (its core targets come from `core`)",
                );
            }
        }
    }

    fn catalogue(&mut self, data: &ReferenceData) {
        let k = FileKind::Catalogue;
        self.unique(
            k,
            "module id",
            data.modules.iter().map(|m| m.id.clone()),
            |i| format!("[{i}].id"),
        );
        for (i, m) in data.modules.iter().enumerate() {
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
                                format!("unknown prerequisite module `{id}`"),
                                id,
                                |_| {
                                    Some(suggest(
                                        id.as_str(),
                                        data.modules.iter().map(|m| m.id.as_str()),
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
                        "module `{}` lasts {} hours, more than {MAX_MODULE_HOURS}",
                        m.id, m.hours
                    ),
                    &m.id,
                    "split a long cycle into modules of a few days each",
                );
            }
            if m.hours == 0 {
                self.err(
                    k,
                    format!("[{i}].hours"),
                    format!("module `{}` lasts 0 hours", m.id),
                    &m.id,
                );
            }
            if m.min_participants == 0 {
                self.err(
                    k,
                    format!("[{i}].min_participants"),
                    format!("module `{}` needs at least 1 participant", m.id),
                    &m.id,
                );
            }
            if m.max_participants > MAX_PARTICIPANTS {
                self.err(
                    k,
                    format!("[{i}].max_participants"),
                    format!("module `{}` allows {} participants per session, more than {MAX_PARTICIPANTS}", m.id, m.max_participants),
                    &m.id,
                );
            }
            if m.min_participants > m.max_participants {
                self.err(
                    k,
                    format!("[{i}].max_participants"),
                    format!(
                        "module `{}` has more minimum than maximum participants",
                        m.id
                    ),
                    &m.id,
                );
            }
            if m.recommendations.is_empty() {
                self.err(
                    k,
                    format!("[{i}].recommendations"),
                    format!("module `{}` implements no recommendation", m.id),
                    &m.id,
                );
            }
            for (j, n) in m.recommendations.iter().enumerate() {
                match data.recommendation(*n) {
                    None => self.err(k, format!("[{i}].recommendations[{j}]"), format!("unknown recommendation {}", n.0), n),
                    Some(r) if r.reading.nature != Nature::Training => self.err_help(
                        k,
                        format!("[{i}].recommendations[{j}]"),
                        format!("module `{}` cites institutional recommendation {}", m.id, n.0),
                        n,
                        "an institutional recommendation has no module on purpose; cite a training one",
                    ),
                    Some(_) => {}
                }
            }
        }
    }

    fn recommendation_modules(&mut self, data: &ReferenceData) {
        for (i, r) in data.recommendations.iter().enumerate() {
            if r.reading.nature == Nature::Training
                && data.modules_of_recommendation(r.number).is_empty()
            {
                self.err_help(
                    FileKind::Recommendations,
                    format!("[{i}].reading.nature"),
                    format!(
                        "training recommendation {} has no module in the catalogue",
                        r.number.0
                    ),
                    r.number,
                    "add a module that cites it, or mark it `Institutional(kind: ..)`",
                );
            }
        }
    }

    fn cycles(&mut self, data: &ReferenceData) {
        let mut g: DiGraph<usize, ()> = DiGraph::new();
        let nodes: Vec<NodeIndex> = (0..data.modules.len()).map(|i| g.add_node(i)).collect();
        let pos: BTreeMap<&ModuleId, usize> = data
            .modules
            .iter()
            .enumerate()
            .map(|(i, m)| (&m.id, i))
            .rev()
            .collect();
        for (i, m) in data.modules.iter().enumerate() {
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
                data.modules[i]
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
                .map(|&i| data.modules[i].id.as_str())
                .join(" → ");
            self.err_help(
                FileKind::Catalogue,
                format!("[{start}].prerequisites"),
                format!("prerequisite cycle: {text}"),
                &data.modules[start].id,
                "remove one of these prerequisites so that the modules can be ordered",
            );
        }
    }

    fn planning(&mut self, data: &ReferenceData) {
        let k = FileKind::Planning;
        let p = &data.planning;
        if !(1..=12).contains(&p.hours_per_day) {
            self.err(
                k,
                "hours_per_day",
                format!(
                    "{} hours in a training day is not plausible (1 to 12)",
                    p.hours_per_day
                ),
                p.hours_per_day,
            );
        }
        if !(1..=100).contains(&p.expertise_share_percent) {
            self.err(
                k,
                "expertise_share_percent",
                format!("{} % is out of range (1 to 100)", p.expertise_share_percent),
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
                        "maturity stage `{stage:?}` must be described exactly once (found {n})"
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
                            "the {part} shares of stage `{:?}` add up to {sum}, not 100",
                            m.stage
                        ),
                        format!("{:?}", m.stage),
                    );
                }
            }
        }
        self.unique(k, "track id", p.tracks.iter().map(|t| t.id.clone()), |i| {
            format!("tracks[{i}].id")
        });
        for (i, t) in p.tracks.iter().enumerate() {
            if matches!(t.audience, Audience::AllAgents | Audience::Cnfpt) {
                self.err(
                    k,
                    format!("tracks[{i}].audience"),
                    format!("track `{}` cannot stand for `{:?}`", t.id, t.audience),
                    &t.id,
                );
            }
            if data.metier(&MetierId::new(t.id.as_str())).is_some() {
                self.err(
                    k,
                    format!("tracks[{i}].id"),
                    format!("track id `{}` is also a métier id", t.id),
                    &t.id,
                );
            }
            for (j, target) in t.targets.iter().enumerate() {
                self.target(data, k, &format!("tracks[{i}].targets[{j}]"), target);
            }
        }
    }

    fn reachability(&mut self, data: &ReferenceData) {
        let reached = reachable_levels(data);
        let ok = |c: &CompetencyId, l: Level| reached.get(c).is_some_and(|r| *r >= l);
        // (competency, level) → métiers (or "core") that need it, and where to point.
        let mut missing: BTreeMap<(CompetencyId, Level), (Vec<String>, String)> = BTreeMap::new();
        for (i, t) in data.requirements.core.iter().enumerate() {
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
        for m in &data.metiers {
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
        for (i, t) in data.planning.tracks.iter().enumerate() {
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
                format!(" and {} more", who.len() - 5)
            } else {
                String::new()
            };
            let providers = data.providers(&c, l);
            let help = if providers.is_empty() {
                format!("no module of the catalogue brings `{c}` to `{l}`: add one")
            } else {
                format!(
                    "the modules that bring it ({}) have prerequisites that cannot be met",
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
                format!("level `{l}` of competency `{c}` is required ({shown}{more}) but the catalogue cannot reach it"),
                &c,
                help,
            );
        }
    }
}

/// The highest level of each competency that some sequence of modules can reach from nothing.
///
/// A fixpoint, reached by a work list: a module is looked at again only when a module it
/// requires is taken or a competency it depends on rises (each module is taken once, so the
/// cost grows with the catalogue and its prerequisites, not with the length of its chains).
pub fn reachable_levels(data: &ReferenceData) -> BTreeMap<CompetencyId, Level> {
    let modules = &data.modules;
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
        .requirements
        .metiers
        .iter()
        .enumerate()
        .find(|(_, e)| &e.metier == metier)
        && let Some(j) = entry.targets.iter().position(|t| &t.competency == c)
    {
        return format!("metiers[{i}].targets[{j}]");
    }
    if let Some(j) = data
        .requirements
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

/// A "did you mean" hint: the known id closest to `wrong` by edit distance, if close enough.
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
        Some((d, k)) if d <= max => format!("did you mean `{k}`?"),
        _ => "check the spelling against the ids defined in the data".to_owned(),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
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
    fn suggestions() {
        assert_eq!(
            suggest("cybersecurit", ["cybersecurite", "amoa-si"].into_iter()),
            "did you mean `cybersecurite`?"
        );
        assert!(suggest("zzz", ["cybersecurite"].into_iter()).starts_with("check"));
        assert!(is_kebab("secretaire-de-mairie") && !is_kebab("Secretaire") && !is_kebab("a--b"));
        let long = "x".repeat(100_000);
        assert!(suggest(&long, ["cybersecurite"].into_iter()).starts_with("check"));
    }

    /// The fixpoint the plain way: passes over the catalogue until nothing changes.
    fn reachable_by_passes(data: &ReferenceData) -> BTreeMap<CompetencyId, Level> {
        let mut reached: BTreeMap<CompetencyId, Level> = BTreeMap::new();
        let mut taken: BTreeSet<&ModuleId> = BTreeSet::new();
        loop {
            let mut changed = false;
            for m in &data.modules {
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
