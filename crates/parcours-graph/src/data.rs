//! The loaded reference data: every record of every file, with indexes by id and the derived
//! facts the planner needs (a métier's categories, its resolved targets, a level's providers).

use crate::bounded::Records;
use crate::diagnostic::Diagnostics;
use crate::ids::{
    CompetencyId, DomainId, EffectNumber, FieldId, FootnoteNumber, GroupId, MetierId, ModuleId,
    RecNumber,
};
use crate::model::AliasGroup;
use crate::model::{
    ClassificationFile, CompetenciesFile, Competency, CoreFamily, Domain, Effect, EffectsFile,
    Field, Footnote, MetierGroup, Module, PlanningFile, RequirementsFile, Target, Track,
};
use crate::model::{Metier, Recommendation};
use crate::parallel::Parallelism;
use crate::parse::from_ron;
use crate::sources::{FileKind, Sources};
use crate::validate;
use crate::vocab::{Category, Channel, Level, Modality, Nature};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, OnceLock};

/// Every record of the reference data, validated, with indexes. Built only by
/// [`ReferenceData::load`] (or [`ReferenceData::embedded`]): its records cannot be changed
/// afterwards, so the indexes always match them and every reference between records resolves.
#[derive(Clone, Debug)]
pub struct ReferenceData {
    /// The desired effects, by number.
    pub(crate) effects: Vec<Effect>,
    /// The study's footnotes.
    pub(crate) footnotes: Vec<Footnote>,
    /// The footnotes attached to the study's two horizons.
    pub(crate) horizon_footnotes: Vec<FootnoteNumber>,
    /// The recommendations, by number.
    pub(crate) recommendations: Vec<Recommendation>,
    /// The métier groups of recommendation 23.
    pub(crate) groups: Vec<MetierGroup>,
    /// The fields of local public action.
    pub(crate) fields: Vec<Field>,
    /// The métiers, in file order.
    pub(crate) metiers: Vec<Metier>,
    /// The three categories.
    pub(crate) classification: ClassificationFile,
    /// Levels, Pix mapping, domains and competencies.
    pub(crate) competencies: CompetenciesFile,
    /// Targets per métier.
    pub(crate) requirements: RequirementsFile,
    /// The catalogue's modules, in file order.
    pub(crate) modules: Vec<Module>,
    /// The planner's parameters.
    pub(crate) planning: PlanningFile,
    /// The job titles of HR exports, by group.
    pub(crate) aliases: Vec<AliasGroup>,
    index: Index,
}

/// Lookup tables. Hash maps are only read by key, never iterated, so their order cannot reach
/// an output.
#[derive(Clone, Debug, Default)]
struct Index {
    effects: FxHashMap<EffectNumber, usize>,
    footnotes: FxHashMap<FootnoteNumber, usize>,
    recs: FxHashMap<RecNumber, usize>,
    groups: FxHashMap<GroupId, usize>,
    fields: FxHashMap<FieldId, usize>,
    /// By id, and by former id (a métier renamed or re-identified keeps its old id).
    metiers: FxHashMap<MetierId, usize>,
    /// Families of métiers of the requirements file, by id.
    families: FxHashMap<String, usize>,
    domains: FxHashMap<DomainId, usize>,
    competencies: FxHashMap<CompetencyId, usize>,
    core: FxHashSet<CompetencyId>,
    modules: FxHashMap<ModuleId, usize>,
    requirements: FxHashMap<MetierId, usize>,
    categories: FxHashMap<MetierId, BTreeSet<Category>>,
    /// Per competency, the modules that bring each level (socle, approfondissement, expertise),
    /// shortest first, then by id.
    providers: FxHashMap<CompetencyId, [Vec<usize>; 3]>,
    modules_by_rec: FxHashMap<RecNumber, Vec<usize>>,
    /// Per métier (file order): its resolved targets, computed on first use and shared.
    targets: Vec<OnceLock<Arc<[ResolvedTarget]>>>,
    /// Per métier (file order): its groups.
    groups_of: Vec<Arc<BTreeSet<GroupId>>>,
    /// Per track of the planning file (file order): its targets, resolved once.
    track_targets: Vec<Arc<[ResolvedTarget]>>,
}

fn index_of<K: Eq + std::hash::Hash + Clone>(keys: impl Iterator<Item = K>) -> FxHashMap<K, usize> {
    let mut map = FxHashMap::default();
    for (i, k) in keys.enumerate() {
        map.entry(k).or_insert(i);
    }
    map
}

/// A target of a métier after resolution: the core targets every agent has, the métier's own
/// targets, and the rule that lifts a sensitive métier's job-specific targets to
/// *approfondissement*.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResolvedTarget {
    /// The competency.
    pub competency: CompetencyId,
    /// Its index in the competencies file ([`ReferenceData::competency_index`]), `None` when
    /// unknown (only a profile's declared métier can name one, and validation rejects it).
    #[serde(skip)]
    pub competency_index: Option<usize>,
    /// Level expected at 5 years, if any.
    pub year5: Option<Level>,
    /// Level expected at 10 years.
    pub year10: Level,
    /// True when it comes from the core (every agent).
    pub core: bool,
    /// True when the sensitive-métier rule raised it above what the file says.
    pub raised_for_sensitive: bool,
}

/// The records, read only.
impl ReferenceData {
    /// The desired effects, by number.
    pub fn effects(&self) -> &[Effect] {
        &self.effects
    }

    /// The study's footnotes.
    pub fn footnotes(&self) -> &[Footnote] {
        &self.footnotes
    }

    /// The footnotes attached to the study's two horizons.
    pub fn horizon_footnotes(&self) -> &[FootnoteNumber] {
        &self.horizon_footnotes
    }

    /// The recommendations, by number.
    pub fn recommendations(&self) -> &[Recommendation] {
        &self.recommendations
    }

    /// The métier groups of recommendation 23.
    pub fn groups(&self) -> &[MetierGroup] {
        &self.groups
    }

    /// The fields of local public action.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The métiers, in file order.
    pub fn metiers(&self) -> &[Metier] {
        &self.metiers
    }

    /// The job titles of HR exports (`aliases.ron`), by group.
    pub fn aliases(&self) -> &[AliasGroup] {
        &self.aliases
    }

    /// The three categories.
    pub fn classification(&self) -> &ClassificationFile {
        &self.classification
    }

    /// Levels, Pix mapping, domains and competencies.
    pub fn competencies(&self) -> &CompetenciesFile {
        &self.competencies
    }

    /// Targets per métier.
    pub fn requirements(&self) -> &RequirementsFile {
        &self.requirements
    }

    /// The catalogue's modules, in file order.
    pub fn modules(&self) -> &[Module] {
        &self.modules
    }

    /// The planner's parameters.
    pub fn planning(&self) -> &PlanningFile {
        &self.planning
    }

    /// The funding channels that offer module `m`: self-training for a self-training module,
    /// else its own list, else `planning.ron`'s default (`funding.default_channels`).
    pub fn channels<'a>(&'a self, m: &'a Module) -> &'a [Channel] {
        if m.modality == Modality::SelfTraining {
            &[Channel::SelfTraining]
        } else if m.channels.is_empty() {
            &self.planning.funding.default_channels
        } else {
            &m.channels
        }
    }
}

impl ReferenceData {
    /// Parses and validates a set of sources. All problems are collected, parse errors of every
    /// file first, then (when everything parsed) every validation problem. Uses a thread of
    /// rayon's global pool beside the calling one ([`ReferenceData::load_with`] to choose).
    pub fn load(sources: &Sources) -> Result<Self, Diagnostics> {
        Self::load_with(sources, &Parallelism::On)
    }

    /// [`ReferenceData::load`], with a second thread as `parallelism` says (none with
    /// [`Parallelism::Off`], one of the caller's pool with [`Parallelism::Pool`]). The data
    /// and the problems are the same.
    pub fn load_with(sources: &Sources, parallelism: &Parallelism) -> Result<Self, Diagnostics> {
        // The files are parsed in parallel (two halves of similar parsing time: about 1.8 ms
        // each on the shipped data), each into its own slot: the result and the order of the
        // problems do not depend on the threads.
        // Each file's text problems (control characters, lengths) are found on its records as
        // parsed, in file order, before any sorting.
        type Parsed<T> =
            Result<(T, Vec<crate::diagnostic::Diagnostic>), crate::diagnostic::Diagnostic>;
        fn parse<T: serde::de::DeserializeOwned + Serialize>(
            sources: &Sources,
            kind: FileKind,
        ) -> Parsed<T> {
            let src = sources.get(kind);
            let value: T = from_ron(&src.name, &src.text)?;
            let problems = validate::texts(kind, &value, sources);
            Ok((value, problems))
        }
        let (
            (effects, recommendations, groups, fields, metiers, competencies),
            (classification, requirements, modules, planning, aliases),
        ) = parallelism.fork(
            parallelism.threads(),
            || {
                (
                    parse::<EffectsFile>(sources, FileKind::Effects),
                    parse::<Records<Recommendation>>(sources, FileKind::Recommendations)
                        .map(|(r, p)| (r.0, p)),
                    parse::<Records<MetierGroup>>(sources, FileKind::Groups).map(|(r, p)| (r.0, p)),
                    parse::<Records<Field>>(sources, FileKind::Fields).map(|(r, p)| (r.0, p)),
                    parse::<Records<Metier>>(sources, FileKind::Metiers).map(|(r, p)| (r.0, p)),
                    parse::<CompetenciesFile>(sources, FileKind::Competencies),
                )
            },
            || {
                (
                    parse::<ClassificationFile>(sources, FileKind::Classification),
                    parse::<RequirementsFile>(sources, FileKind::Requirements),
                    parse::<Records<Module>>(sources, FileKind::Catalogue).map(|(r, p)| (r.0, p)),
                    parse::<PlanningFile>(sources, FileKind::Planning),
                    parse::<Records<AliasGroup>>(sources, FileKind::Aliases).map(|(r, p)| (r.0, p)),
                )
            },
        );
        let mut problems = Vec::new();
        fn keep<T>(r: Parsed<T>, problems: &mut Vec<crate::diagnostic::Diagnostic>) -> Option<T> {
            match r {
                Ok((value, text_problems)) => {
                    problems.extend(text_problems);
                    Some(value)
                }
                Err(d) => {
                    problems.push(d);
                    None
                }
            }
        }
        let effects = keep(effects, &mut problems);
        let recommendations = keep(recommendations, &mut problems);
        let groups = keep(groups, &mut problems);
        let fields = keep(fields, &mut problems);
        let metiers = keep(metiers, &mut problems);
        let classification = keep(classification, &mut problems);
        let competencies = keep(competencies, &mut problems);
        let requirements = keep(requirements, &mut problems);
        let modules = keep(modules, &mut problems);
        let planning = keep(planning, &mut problems);
        let aliases = keep(aliases, &mut problems);
        let (
            Some(effects),
            Some(recommendations),
            Some(groups),
            Some(fields),
            Some(metiers),
            Some(classification),
            Some(competencies),
            Some(requirements),
            Some(modules),
            Some(planning),
            Some(aliases),
        ) = (
            effects,
            recommendations,
            groups,
            fields,
            metiers,
            classification,
            competencies,
            requirements,
            modules,
            planning,
            aliases,
        )
        else {
            return Err(Diagnostics(problems));
        };
        let data = Self::assemble(
            effects,
            recommendations,
            groups,
            fields,
            metiers,
            classification,
            competencies,
            requirements,
            modules,
            planning,
            aliases,
        );
        problems.extend(validate::validate(&data, sources, parallelism));
        if problems.is_empty() {
            Ok(data)
        } else {
            Err(Diagnostics(problems))
        }
    }

    /// The reference data embedded in the binary.
    pub fn embedded() -> Result<Self, Diagnostics> {
        Self::load(&Sources::embedded())
    }

    #[allow(clippy::too_many_arguments)]
    fn assemble(
        effects: EffectsFile,
        recommendations: Vec<Recommendation>,
        groups: Vec<MetierGroup>,
        fields: Vec<Field>,
        metiers: Vec<Metier>,
        classification: ClassificationFile,
        competencies: CompetenciesFile,
        requirements: RequirementsFile,
        modules: Vec<Module>,
        planning: PlanningFile,
        aliases: Vec<AliasGroup>,
    ) -> Self {
        let mut index = Index {
            effects: index_of(effects.effects.iter().map(|e| e.number)),
            footnotes: index_of(effects.footnotes.iter().map(|f| f.number)),
            recs: index_of(recommendations.iter().map(|r| r.number)),
            groups: index_of(groups.iter().map(|g| g.id.clone())),
            fields: index_of(fields.iter().map(|f| f.id.clone())),
            metiers: index_of(metiers.iter().map(|m| m.id.clone())),
            domains: index_of(competencies.domains.iter().map(|d| d.id.clone())),
            competencies: index_of(competencies.competencies.iter().map(|c| c.id.clone())),
            modules: index_of(modules.iter().map(|m| m.id.clone())),
            families: index_of(requirements.families.iter().map(|f| f.id.clone())),
            requirements: index_of(requirements.metiers.iter().map(|r| r.metier.clone())),
            targets: metiers.iter().map(|_| OnceLock::new()).collect(),
            groups_of: metiers
                .iter()
                .map(|m| Arc::new(m.groups.iter().cloned().collect()))
                .collect(),
            ..Index::default()
        };
        // Former ids resolve to their métier; a current id always wins over a former one.
        for (i, m) in metiers.iter().enumerate() {
            for f in &m.former_ids {
                index.metiers.entry(f.id.clone()).or_insert(i);
            }
        }
        for (category, list) in [
            (Category::Sensitive, &classification.sensitive),
            (Category::HighHeadcount, &classification.high_headcount),
            (Category::Shrinking, &classification.shrinking),
        ] {
            for a in list {
                index
                    .categories
                    .entry(a.metier.clone())
                    .or_default()
                    .insert(category);
            }
        }
        for (i, m) in modules.iter().enumerate() {
            index.providers.entry(m.competency.clone()).or_default()
                [usize::from(m.level.rank() - 1)]
            .push(i);
            for r in &m.recommendations {
                index.modules_by_rec.entry(*r).or_default().push(i);
            }
        }
        for lists in index.providers.values_mut() {
            for list in lists {
                list.sort_by(|&a, &b| {
                    (modules[a].hours, &modules[a].id).cmp(&(modules[b].hours, &modules[b].id))
                });
            }
        }
        let core_domains: BTreeSet<&DomainId> = competencies
            .domains
            .iter()
            .filter(|d| d.core)
            .map(|d| &d.id)
            .collect();
        index.core = competencies
            .competencies
            .iter()
            .filter(|c| core_domains.contains(&c.domain))
            .map(|c| c.id.clone())
            .collect();
        let mut effects_list = effects.effects;
        effects_list.sort_by_key(|e| e.number);
        let mut recommendations = recommendations;
        recommendations.sort_by_key(|r| r.number);
        // Re-index the sorted lists.
        index.effects = index_of(effects_list.iter().map(|e| e.number));
        index.recs = index_of(recommendations.iter().map(|r| r.number));
        index.track_targets = planning
            .tracks
            .iter()
            .map(|t| {
                t.targets
                    .iter()
                    .map(|t| ResolvedTarget {
                        competency: t.competency.clone(),
                        competency_index: index.competencies.get(&t.competency).copied(),
                        year5: t.year5,
                        year10: t.year10,
                        core: false,
                        raised_for_sensitive: false,
                    })
                    .collect()
            })
            .collect();
        ReferenceData {
            effects: effects_list,
            footnotes: effects.footnotes,
            horizon_footnotes: effects.horizon_footnotes,
            recommendations,
            groups,
            fields,
            metiers,
            classification,
            competencies,
            requirements,
            modules,
            planning,
            aliases,
            index,
        }
    }

    /// An effect by number.
    pub fn effect(&self, n: EffectNumber) -> Option<&Effect> {
        self.index.effects.get(&n).map(|&i| &self.effects[i])
    }
    /// A footnote by number.
    pub fn footnote(&self, n: FootnoteNumber) -> Option<&Footnote> {
        self.index.footnotes.get(&n).map(|&i| &self.footnotes[i])
    }
    /// A recommendation by number.
    pub fn recommendation(&self, n: RecNumber) -> Option<&Recommendation> {
        self.index.recs.get(&n).map(|&i| &self.recommendations[i])
    }
    /// A métier group by id.
    pub fn group(&self, id: &GroupId) -> Option<&MetierGroup> {
        self.index.groups.get(id).map(|&i| &self.groups[i])
    }
    /// A field by id.
    pub fn field(&self, id: &FieldId) -> Option<&Field> {
        self.index.fields.get(id).map(|&i| &self.fields[i])
    }
    /// A métier by id, or by one of its former ids (a métier renamed or re-identified keeps
    /// its old id, so that existing profiles keep working).
    pub fn metier(&self, id: &MetierId) -> Option<&Metier> {
        self.index.metiers.get(id).map(|&i| &self.metiers[i])
    }
    /// The current id of a métier given by its id or a former id; the id itself when unknown.
    pub fn current_metier_id<'a>(&'a self, id: &'a MetierId) -> &'a MetierId {
        self.metier(id).map_or(id, |m| &m.id)
    }
    /// A family of métiers of the requirements file, by id.
    pub fn family(&self, id: &str) -> Option<&CoreFamily> {
        self.index
            .families
            .get(id)
            .map(|&i| &self.requirements.families[i])
    }
    /// The family of métiers a métier belongs to, if any.
    pub fn family_of(&self, id: &MetierId) -> Option<&CoreFamily> {
        let id = self.current_metier_id(id);
        self.index
            .requirements
            .get(id)
            .and_then(|&i| self.requirements.metiers[i].family.as_deref())
            .and_then(|f| self.family(f))
    }
    /// A competency domain by id.
    pub fn domain(&self, id: &DomainId) -> Option<&Domain> {
        self.index
            .domains
            .get(id)
            .map(|&i| &self.competencies.domains[i])
    }
    /// A competency by id.
    pub fn competency(&self, id: &CompetencyId) -> Option<&Competency> {
        self.index
            .competencies
            .get(id)
            .map(|&i| &self.competencies.competencies[i])
    }
    /// A module by id.
    pub fn module(&self, id: &ModuleId) -> Option<&Module> {
        self.index.modules.get(id).map(|&i| &self.modules[i])
    }
    /// The position of a module in [`ReferenceData::modules`]: a dense index, for tables
    /// that hot loops read without hashing or cloning ids.
    pub fn module_index(&self, id: &ModuleId) -> Option<usize> {
        self.index.modules.get(id).copied()
    }
    /// The position of a competency in the competencies file's list (a dense index).
    pub fn competency_index(&self, id: &CompetencyId) -> Option<usize> {
        self.index.competencies.get(id).copied()
    }
    /// Like [`ReferenceData::providers_iter`], as indexes into [`ReferenceData::modules`].
    pub fn provider_indexes(&self, competency: &CompetencyId, level: Level) -> &[usize] {
        self.index
            .providers
            .get(competency)
            .map(|lists| lists[usize::from(level.rank() - 1)].as_slice())
            .unwrap_or(&[])
    }
    /// Whether a competency belongs to a core domain (the Pix competences).
    pub fn is_core(&self, id: &CompetencyId) -> bool {
        self.index.core.contains(id)
    }
    /// The categories of a métier (empty when it is in none).
    pub fn categories(&self, id: &MetierId) -> BTreeSet<Category> {
        let id = self.current_metier_id(id);
        self.index.categories.get(id).cloned().unwrap_or_default()
    }
    /// Whether a métier is in a category.
    pub fn in_category(&self, id: &MetierId, category: Category) -> bool {
        let id = self.current_metier_id(id);
        self.index
            .categories
            .get(id)
            .is_some_and(|c| c.contains(&category))
    }
    /// The rationale of a métier's place in a category.
    pub fn category_rationale(&self, id: &MetierId, category: Category) -> Option<&str> {
        let id = self.current_metier_id(id);
        let list = match category {
            Category::Sensitive => &self.classification.sensitive,
            Category::HighHeadcount => &self.classification.high_headcount,
            Category::Shrinking => &self.classification.shrinking,
        };
        list.iter()
            .find(|a| &a.metier == id)
            .map(|a| a.rationale.as_str())
    }
    /// The recommendations of an effect, by number.
    pub fn recommendations_of_effect(&self, effect: EffectNumber) -> Vec<&Recommendation> {
        self.recommendations
            .iter()
            .filter(|r| r.effect == effect)
            .collect()
    }
    /// Whether a recommendation is met by training (it then has modules).
    pub fn is_training(&self, n: RecNumber) -> bool {
        self.recommendation(n)
            .is_some_and(|r| r.reading.nature == Nature::Training)
    }
    /// The modules that cite a recommendation, in catalogue order.
    pub fn modules_of_recommendation(&self, n: RecNumber) -> Vec<&Module> {
        self.index
            .modules_by_rec
            .get(&n)
            .map(|v| v.iter().map(|&i| &self.modules[i]).collect())
            .unwrap_or_default()
    }
    /// The modules that bring a competency to exactly `level`, shortest first (then by id).
    pub fn providers(&self, competency: &CompetencyId, level: Level) -> Vec<&Module> {
        self.providers_iter(competency, level).collect()
    }

    /// Like [`ReferenceData::providers`], without allocating.
    pub fn providers_iter(
        &self,
        competency: &CompetencyId,
        level: Level,
    ) -> impl Iterator<Item = &Module> + '_ {
        self.provider_indexes(competency, level)
            .iter()
            .map(|&i| &self.modules[i])
    }

    /// The module used by default to reach a competency level: the shortest provider.
    pub fn default_provider(&self, competency: &CompetencyId, level: Level) -> Option<&Module> {
        self.providers_iter(competency, level).next()
    }
    /// The targets of a métier: the core targets, then its own, with sensitive métiers' own
    /// targets raised to at least *approfondissement* (within the competency's range).
    /// Sorted by competency id; a competency listed twice keeps its highest targets.
    pub fn targets(&self, id: &MetierId) -> Vec<ResolvedTarget> {
        self.targets_shared(id).to_vec()
    }

    /// Like [`ReferenceData::targets`], computed once per métier and shared (a reference
    /// count): what a planner reads for every profile.
    pub fn targets_shared(&self, id: &MetierId) -> Arc<[ResolvedTarget]> {
        match self.index.metiers.get(id) {
            Some(&i) => self.index.targets[i]
                .get_or_init(|| self.compute_targets(id).into())
                .clone(),
            None => self.compute_targets(id).into(),
        }
    }

    /// The targets of the planning file's track at `index` (file order), as they are: a
    /// track's targets are neither core nor raised. Resolved once and shared; empty when there
    /// is no such track.
    pub fn track_targets_shared(&self, index: usize) -> Arc<[ResolvedTarget]> {
        self.index
            .track_targets
            .get(index)
            .cloned()
            .unwrap_or_else(|| Arc::from(Vec::new()))
    }

    /// The groups of a reference métier, shared.
    pub fn groups_shared(&self, id: &MetierId) -> Arc<BTreeSet<GroupId>> {
        self.index
            .metiers
            .get(id)
            .map(|&i| self.index.groups_of[i].clone())
            .unwrap_or_default()
    }

    fn compute_targets(&self, id: &MetierId) -> Vec<ResolvedTarget> {
        let id = self.current_metier_id(id);
        let own: &[Target] = self
            .index
            .requirements
            .get(id)
            .map(|&i| self.requirements.metiers[i].targets.as_slice())
            .unwrap_or(&[]);
        let family = self.family_of(id).map(|f| f.targets.as_slice());
        self.resolve_targets_in_family(own, family, self.in_category(id, Category::Sensitive))
    }

    /// The targets of any population — a reference métier, or a métier a profile declares —
    /// from its own targets: the common core targets, then `own`, with the sensitive rule
    /// applied when `sensitive`. Sorted by competency id; a competency listed twice keeps its
    /// highest targets. A métier a profile declares has the common core only (it may list
    /// more Pix competences in its own targets).
    pub fn resolve_targets(&self, own: &[Target], sensitive: bool) -> Vec<ResolvedTarget> {
        self.resolve_targets_in_family(own, None, sensitive)
    }

    /// Like [`ReferenceData::resolve_targets`], with the core targets of a family of métiers
    /// (`family`, counted as core) added to the common core.
    pub fn resolve_targets_in_family(
        &self,
        own: &[Target],
        family: Option<&[Target]>,
        sensitive: bool,
    ) -> Vec<ResolvedTarget> {
        let mut out: BTreeMap<CompetencyId, ResolvedTarget> = BTreeMap::new();
        let core = self
            .requirements
            .core
            .iter()
            .chain(family.unwrap_or(&[]))
            .map(|t| (t, true));
        for (t, is_core) in core.chain(own.iter().map(|t| (t, false))) {
            let mut r = ResolvedTarget {
                competency: t.competency.clone(),
                competency_index: self.competency_index(&t.competency),
                year5: t.year5,
                year10: t.year10,
                core: is_core,
                raised_for_sensitive: false,
            };
            if sensitive && !is_core && !self.is_core(&t.competency) {
                let cap = self
                    .competency(&t.competency)
                    .map_or(Level::Expertise, |c| c.max);
                let floor = Level::Approfondissement.min(cap);
                if r.year10 < floor {
                    r.year10 = floor;
                    r.raised_for_sensitive = true;
                }
                if r.year5.is_some_and(|l| l < floor) {
                    r.year5 = Some(floor);
                    r.raised_for_sensitive = true;
                }
            }
            out.entry(r.competency.clone())
                .and_modify(|e| {
                    e.year10 = e.year10.max(r.year10);
                    e.year5 = e.year5.max(r.year5);
                    e.core &= r.core;
                    e.raised_for_sensitive |= r.raised_for_sensitive;
                })
                .or_insert(r);
        }
        out.into_values().collect()
    }
    /// The rationale of a métier's own targets.
    pub fn requirements_rationale(&self, id: &MetierId) -> Option<&str> {
        let id = self.current_metier_id(id);
        self.index
            .requirements
            .get(id)
            .map(|&i| self.requirements.metiers[i].rationale.as_str())
    }
    /// Whether the métier has an entry in the requirements file.
    pub fn has_requirements(&self, id: &MetierId) -> bool {
        let id = self.current_metier_id(id);
        self.index.requirements.contains_key(id)
    }
    /// The level a Pix score (0–8) counts as; `None` below *socle* or out of range.
    pub fn level_of_pix(&self, pix: u8) -> Option<Level> {
        self.competencies
            .pix_mapping
            .levels
            .iter()
            .find(|p| p.pix == pix)
            .and_then(|p| p.level)
    }
}

impl ReferenceData {
    /// A track (elected officials, managers) by id.
    pub fn track(&self, id: &str) -> Option<&Track> {
        self.planning.tracks.iter().find(|t| t.id == id)
    }
    /// The default shares of a maturity stage: (core, specific).
    pub fn maturity_shares(
        &self,
        m: crate::vocab::Maturity,
    ) -> Option<(crate::model::Shares, crate::model::Shares)> {
        self.planning
            .maturity
            .iter()
            .find(|s| s.stage == m)
            .map(|s| (s.core, s.specific))
    }
}
