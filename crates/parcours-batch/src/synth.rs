//! Synthetic France on the real map: one seeded profile per French local public employer.
//!
//! The employers follow the real administrative map ([`crate::geography`], from INSEE's
//! official geographic code): one per commune, intercommunality (EPCI à fiscalité propre),
//! department and region, with the single collectivities as such (the Ville de Paris, the
//! Métropole de Lyon, the Collectivité européenne d'Alsace, the Collectivité de Corse, the
//! territorial collectivities of Martinique and Guyane, the Department of Mayotte); a CCAS for
//! every commune of 1,500 inhabitants or more (where the law makes one obligatory); an SDIS
//! per department, except Paris and its inner ring (the Brigade de sapeurs-pompiers de Paris
//! is military). What is estimated: the staff (agents per inhabitant by kind and size, see
//! `docs/synthetic.md`), its métier mix, the maturity, the budget and the elected officials
//! trained; names, codes, departments, intercommunalities and populations are real.
//!
//! Same `(seed, count)`, same profiles, byte for byte; each profile depends only on the seed
//! and its employer, so they can be generated in parallel, and a subset (`count` below the
//! number of employers) holds the same profiles as the whole list.

use crate::geography::{self, Geography};
use parcours_graph::ids::MetierId;
use parcours_graph::vocab::Maturity;
use parcours_planner::population::apportion_weights;
use parcours_planner::profile::{Budget, CollectivityKind, Profile, StaffLine};
use parcours_planner::rng::SplitMix;
use std::sync::OnceLock;

/// One synthetic profile and the file stem it is written under.
#[derive(Clone, Debug)]
pub struct Synthetic {
    /// File stem: the kind and the code, e.g. `commune-35238`, `epci-200000172`, `sdis-48`.
    pub stem: String,
    /// The profile.
    pub profile: Profile,
}

/// One employer of the real map, before the seeded estimates.
#[derive(Clone, Debug)]
pub struct Employer {
    /// Kind.
    pub kind: CollectivityKind,
    /// File stem (kind and code).
    pub stem: String,
    /// Name, as reports show it.
    pub name: String,
    /// Population (legal population of its communes; the communes it serves for a CCAS or an
    /// SDIS).
    pub population: u64,
    /// INSEE code of its commune (a commune's own, a CCAS's commune's).
    pub commune: Option<String>,
    /// Department code (an intercommunality's: the department holding most of its
    /// population; a region's: its seat's).
    pub department: String,
    /// SIREN of its intercommunality (its own for an intercommunality).
    pub intercommunality: Option<String>,
    /// Estimated agents, by métier mix (two parts for collectivities holding two levels'
    /// competences: the Ville de Paris, the Métropole de Lyon…).
    parts: Vec<(Mix, u64)>,
    /// Members of its deliberative assembly.
    pub elected: u32,
}

impl Employer {
    /// Estimated agents, before the seeded variation.
    pub fn agents(&self) -> u64 {
        self.parts.iter().map(|p| p.1).sum()
    }
}

/// Per 10,000 inhabitants, by upper bound of a commune's population (project estimate, see
/// `docs/synthetic.md`).
const COMMUNE_RATIOS: [(u64, u64); 8] = [
    (500, 60),
    (2_000, 70),
    (5_000, 100),
    (10_000, 130),
    (20_000, 150),
    (50_000, 170),
    (100_000, 190),
    (u64::MAX, 200),
];

fn per_10k(population: u64, ratio: u64) -> u64 {
    (population * ratio).div_ceil(10_000)
}

/// Estimated agents of a commune.
pub fn commune_agents(population: u64) -> u64 {
    let ratio = COMMUNE_RATIOS
        .iter()
        .find(|(max, _)| population < *max)
        .map_or(200, |r| r.1);
    per_10k(population, ratio).max(1)
}

/// Estimated agents of an intercommunality of legal type `kind` (`CC`, `CA`, `CU`, `METRO`).
pub fn intercommunality_agents(kind: &str, population: u64) -> u64 {
    let ratio = match kind {
        "CC" => 25,
        "CA" => 35,
        _ => 50,
    };
    per_10k(population, ratio).max(5)
}

/// Estimated agents of a department (the departmental level's staff).
pub fn department_agents(population: u64) -> u64 {
    400 + per_10k(population, 38)
}

/// Estimated agents of a region.
pub fn region_agents(population: u64) -> u64 {
    500 + per_10k(population, 12)
}

/// Estimated agents of a CCAS.
pub fn ccas_agents(population: u64) -> u64 {
    per_10k(population, 20).max(1)
}

/// Estimated agents of an SDIS (professional firefighters and administrative staff; the
/// volunteers are not agents).
pub fn sdis_agents(population: u64) -> u64 {
    per_10k(population, 9).max(50)
}

/// CCAS are obligatory from this population on (Code de l'action sociale et des familles,
/// article L123-4, as amended by the loi NOTRe of 2015).
pub const CCAS_FROM: u32 = 1_500;

/// Departments whose fire and rescue service is military (the Brigade de sapeurs-pompiers de
/// Paris): no SDIS.
const NO_SDIS: [&str; 4] = ["75", "92", "93", "94"];

/// The Métropole de Lyon's legal type in the map.
const LYON: &str = "MET69";

/// Every employer of the map, in the order of kinds (communes, intercommunalities,
/// departments, regions, CCAS, SDIS), each kind by code.
pub fn employers_of(g: &Geography) -> Vec<Employer> {
    let mut out = Vec::new();
    let pop = |f: &dyn Fn(&geography::Commune) -> bool| -> u64 {
        g.communes
            .iter()
            .filter(|c| f(c))
            .map(|c| u64::from(c.population))
            .sum()
    };
    let siren = |c: &geography::Commune| {
        c.intercommunality
            .map(|i| g.intercommunalities[i as usize].siren.to_string())
    };
    let in_lyon = |c: &geography::Commune| {
        c.intercommunality
            .is_some_and(|i| &*g.intercommunalities[i as usize].kind == LYON)
    };
    for c in &g.communes {
        let p = u64::from(c.population);
        let paris = &*c.code == "75056";
        let mut parts = vec![(COMMUNE, commune_agents(p))];
        if paris {
            // The Ville de Paris is the commune and the department.
            parts.push((DEPARTMENT, department_agents(p)));
        }
        out.push(Employer {
            kind: CollectivityKind::Commune,
            stem: format!("commune-{}", c.code),
            name: if paris {
                "Ville de Paris".to_owned()
            } else {
                c.name.to_string()
            },
            population: p,
            commune: Some(c.code.to_string()),
            department: c.department.to_string(),
            intercommunality: siren(c),
            parts,
            // The Conseil de Paris has 163 members.
            elected: if paris { 163 } else { council_size(p) },
        });
    }
    for e in &g.intercommunalities {
        let mut parts = vec![(
            INTERCOMMUNALITY,
            intercommunality_agents(&e.kind, e.population),
        )];
        if &*e.kind == LYON {
            // The Métropole de Lyon holds the department's competences on its territory.
            parts.push((DEPARTMENT, department_agents(e.population)));
        }
        out.push(Employer {
            kind: CollectivityKind::Intercommunality,
            stem: format!("epci-{}", e.siren),
            name: e.name.to_string(),
            population: e.population,
            commune: None,
            department: e.department.to_string(),
            intercommunality: Some(e.siren.to_string()),
            parts,
            elected: (e.population / 2_000).clamp(16, 130) as u32,
        });
    }
    let department_elected = |p: u64| (2 * (p / 50_000).clamp(9, 41)) as u32;
    for d in &g.departments {
        let code = &*d.code;
        // Single collectivities: Paris (a commune above), Corsica, Martinique and Guyane (with
        // the regions below), Alsace (the two departments as one).
        if matches!(code, "75" | "2A" | "2B" | "68" | "972" | "973") {
            continue;
        }
        let (name, p) = match code {
            "67" => (
                "Collectivité européenne d'Alsace".to_owned(),
                pop(&|c| matches!(&*c.department, "67" | "68")),
            ),
            // The Rhône without the Métropole de Lyon.
            "69" => (
                format!("Département {}", geography::of(d.tncc, &d.name)),
                pop(&|c| &*c.department == "69" && !in_lyon(c)),
            ),
            _ => (
                format!("Département {}", geography::of(d.tncc, &d.name)),
                pop(&|c| *c.department == *code),
            ),
        };
        let mut parts = vec![(DEPARTMENT, department_agents(p))];
        if code == "976" {
            // Mayotte's department holds the region's competences.
            parts.push((REGION, region_agents(p)));
        }
        out.push(Employer {
            kind: CollectivityKind::Department,
            stem: format!("departement-{code}"),
            name,
            population: p,
            commune: None,
            department: code.to_owned(),
            intercommunality: None,
            parts,
            elected: department_elected(p),
        });
    }
    for r in &g.regions {
        let code = &*r.code;
        if code == "06" {
            // Mayotte: its department above.
            continue;
        }
        let p = pop(&|c| *c.region == *code);
        let seat = g
            .commune(&r.seat)
            .map_or_else(String::new, |c| c.department.to_string());
        let (name, mut parts) = match code {
            "94" => (
                "Collectivité de Corse".to_owned(),
                vec![(DEPARTMENT, department_agents(p) + 400)],
            ),
            "02" => (
                "Collectivité territoriale de Martinique".to_owned(),
                vec![(DEPARTMENT, department_agents(p))],
            ),
            "03" => (
                "Collectivité territoriale de Guyane".to_owned(),
                vec![(DEPARTMENT, department_agents(p))],
            ),
            _ => (format!("Région {}", r.name), Vec::new()),
        };
        parts.insert(0, (REGION, region_agents(p)));
        out.push(Employer {
            kind: CollectivityKind::Region,
            stem: format!("region-{code}"),
            name,
            population: p,
            commune: None,
            department: seat,
            intercommunality: None,
            parts,
            elected: (p / 60_000).clamp(41, 209) as u32,
        });
    }
    for c in g.communes.iter().filter(|c| c.population >= CCAS_FROM) {
        let p = u64::from(c.population);
        out.push(Employer {
            kind: CollectivityKind::SocialActionCentre,
            stem: format!("ccas-{}", c.code),
            name: if &*c.code == "75056" {
                "Centre d'action sociale de la Ville de Paris".to_owned()
            } else {
                format!("CCAS {}", geography::of(c.tncc, &c.name))
            },
            population: p,
            commune: Some(c.code.to_string()),
            department: c.department.to_string(),
            intercommunality: siren(c),
            parts: vec![(SOCIAL_ACTION_CENTRE, ccas_agents(p))],
            elected: 0,
        });
    }
    for d in &g.departments {
        let code = &*d.code;
        if NO_SDIS.contains(&code) {
            continue;
        }
        let (name, p) = match code {
            // The service of the Rhône and the Métropole de Lyon.
            "69" => (
                "SDMIS du Rhône et de la Métropole de Lyon".to_owned(),
                pop(&|c| &*c.department == "69"),
            ),
            // Marseille has its own military battalion of marine firefighters.
            "13" => (
                format!("SDIS {}", geography::of(d.tncc, &d.name)),
                pop(&|c| &*c.department == "13" && &*c.code != "13055"),
            ),
            _ => (
                format!("SDIS {}", geography::of(d.tncc, &d.name)),
                pop(&|c| *c.department == *code),
            ),
        };
        out.push(Employer {
            kind: CollectivityKind::FireAndRescue,
            stem: format!("sdis-{code}"),
            name,
            population: p,
            commune: None,
            department: code.to_owned(),
            intercommunality: None,
            parts: vec![(FIRE_AND_RESCUE, sdis_agents(p))],
            elected: 0,
        });
    }
    out
}

/// The employers of the shipped map ([`employers_of`] of [`Geography::france`]), built on
/// first use.
pub fn employers() -> &'static [Employer] {
    static LIST: OnceLock<Vec<Employer>> = OnceLock::new();
    LIST.get_or_init(|| employers_of(Geography::france()))
}

/// The employer behind the `index`-th of `count` profiles: every employer when `count` is
/// their number (or more), else `count` of them evenly spaced along the list (so every kind
/// comes in proportion).
pub fn employer_index(count: u64, index: u64) -> usize {
    let total = employers().len() as u64;
    let count = count.clamp(1, total);
    ((index % count) * total / count) as usize
}

/// Municipal council size by population (Code général des collectivités territoriales,
/// article L2121-2).
pub fn council_size(population: u64) -> u32 {
    const STEPS: [(u64, u32); 19] = [
        (100, 7),
        (500, 11),
        (1_500, 15),
        (2_500, 19),
        (3_500, 23),
        (5_000, 27),
        (10_000, 29),
        (20_000, 33),
        (30_000, 35),
        (40_000, 39),
        (50_000, 43),
        (60_000, 45),
        (80_000, 49),
        (100_000, 53),
        (150_000, 55),
        (200_000, 59),
        (250_000, 61),
        (300_000, 65),
        (u64::MAX, 69),
    ];
    STEPS
        .iter()
        .find(|(max, _)| population < *max)
        .map_or(69, |(_, n)| *n)
}

type Mix = &'static [(&'static str, u64)];

const SMALL_COMMUNE: Mix = &[
    ("agent-services-polyvalent-rural", 35),
    ("agent-entretien-polyvalent", 25),
    ("atsem", 15),
    ("agent-restauration", 10),
    ("charge-proprete-locaux", 10),
    ("animateur-periscolaire", 5),
];

const COMMUNE: Mix = &[
    ("charge-proprete-locaux", 90),
    ("atsem", 70),
    ("agent-restauration", 60),
    ("jardinier", 60),
    ("animateur-periscolaire", 60),
    ("agent-exploitation-voirie", 45),
    ("agent-entretien-polyvalent", 40),
    ("ouvrier-maintenance-batiments", 40),
    ("assistant-gestion-administrative", 40),
    ("agent-gestion-administrative", 30),
    ("animateur-enfance-jeunesse", 30),
    ("agent-proprete-espaces-publics", 30),
    ("auxiliaire-puericulture", 25),
    ("assistant-educatif-petite-enfance", 20),
    ("charge-accueil", 20),
    ("policier-municipal", 20),
    ("agent-etat-civil", 15),
    ("agent-bibliotheque", 15),
    ("enseignant-artistique", 15),
    ("gestionnaire-comptable", 12),
    ("cuisinier", 10),
    ("gestionnaire-carriere-paie", 10),
    ("educateur-aps", 10),
    ("gardien-equipement-sportif", 10),
    ("asvp", 8),
    ("conducteur-vehicules", 8),
    ("educateur-jeunes-enfants", 8),
    ("gestionnaire-marches-publics", 5),
    ("instructeur-ads", 5),
    ("gestionnaire-affaires-scolaires", 5),
    ("bibliothecaire", 4),
    ("mecanicien", 4),
    ("magasinier", 4),
    ("technicien-support", 4),
    ("charge-communication", 4),
    ("charge-courrier", 4),
    ("responsable-espaces-verts", 3),
    ("standardiste", 3),
    ("agent-archives", 2),
    ("directeur-services-techniques", 2),
];

const INTERCOMMUNALITY: Mix = &[
    ("agent-collecte", 120),
    ("agent-exploitation-eau", 60),
    ("assistant-gestion-administrative", 50),
    ("charge-proprete-locaux", 50),
    ("agent-decheterie", 40),
    ("conducteur-vehicules", 40),
    ("agent-proprete-espaces-publics", 40),
    ("enseignant-artistique", 40),
    ("jardinier", 30),
    ("auxiliaire-puericulture", 30),
    ("animateur-enfance-jeunesse", 30),
    ("educateur-aps", 25),
    ("agent-bibliotheque", 25),
    ("assistant-educatif-petite-enfance", 25),
    ("instructeur-ads", 20),
    ("gestionnaire-comptable", 20),
    ("mecanicien", 15),
    ("gestionnaire-carriere-paie", 15),
    ("charge-accueil", 15),
    ("charge-prevention-dechets", 10),
    ("developpeur-economique", 10),
    ("conseiller-sejour", 10),
    ("gestionnaire-marches-publics", 10),
    ("responsable-collecte-dechets", 8),
    ("responsable-exploitation-eau", 8),
    ("charge-sig", 8),
    ("charge-developpement-touristique", 8),
    ("charge-mobilite", 8),
    ("technicien-support", 8),
    ("charge-habitat", 6),
    ("charge-planification-urbaine", 6),
    ("charge-communication", 6),
    ("chef-projet-si", 4),
];

const DEPARTMENT: Mix = &[
    ("agent-exploitation-voirie", 150),
    ("travailleur-social", 120),
    ("charge-proprete-locaux", 120),
    ("assistant-gestion-administrative", 80),
    ("agent-restauration", 80),
    ("instructeur-aide-sociale", 60),
    ("ouvrier-maintenance-batiments", 40),
    ("agent-accueil-social", 30),
    ("technicien-voirie", 25),
    ("cuisinier", 25),
    ("gestionnaire-comptable", 25),
    ("gestionnaire-carriere-paie", 25),
    ("conseiller-insertion", 20),
    ("infirmier", 20),
    ("puericulteur", 15),
    ("gestionnaire-marches-publics", 15),
    ("agent-archives", 10),
    ("agent-bibliotheque", 10),
    ("medecin", 8),
    ("psychologue", 8),
    ("chef-projet-si", 8),
    ("technicien-support", 12),
    ("bibliothecaire", 6),
    ("juriste", 6),
    ("charge-communication", 6),
    ("administrateur-systemes-reseaux", 5),
    ("developpeur-economique", 5),
    ("archiviste", 4),
    ("conseiller-prevention", 4),
    ("charge-gpeec", 3),
];

const REGION: Mix = &[
    ("charge-proprete-locaux", 300),
    ("agent-restauration", 150),
    ("agent-entretien-polyvalent", 100),
    ("ouvrier-maintenance-batiments", 80),
    ("assistant-gestion-administrative", 60),
    ("cuisinier", 50),
    ("gestionnaire-comptable", 20),
    ("gestionnaire-carriere-paie", 20),
    ("charge-projets-europeens", 15),
    ("developpeur-economique", 15),
    ("gestionnaire-marches-publics", 12),
    ("magasinier", 10),
    ("charge-mobilite", 10),
    ("technicien-support", 10),
    ("chef-projet-si", 8),
    ("charge-communication", 8),
    ("juriste", 6),
    ("charge-formation", 5),
    ("charge-evaluation-politiques-publiques", 4),
    ("administrateur-donnees", 3),
];

const SOCIAL_ACTION_CENTRE: Mix = &[
    ("aide-a-domicile", 350),
    ("aide-soignant", 150),
    ("agent-accueil-social", 60),
    ("travailleur-social", 60),
    ("auxiliaire-puericulture", 60),
    ("instructeur-aide-sociale", 50),
    ("assistant-educatif-petite-enfance", 50),
    ("charge-proprete-locaux", 50),
    ("agent-restauration", 40),
    ("assistant-gestion-administrative", 40),
    ("responsable-service-aide-domicile", 20),
    ("conseiller-economie-sociale-familiale", 20),
    ("educateur-jeunes-enfants", 20),
    ("directeur-eaje", 10),
];

const FIRE_AND_RESCUE: Mix = &[
    ("sapeur-pompier", 700),
    ("officier-sapeur-pompier", 120),
    ("operateur-traitement-alerte", 50),
    ("assistant-gestion-administrative", 40),
    ("preventionniste", 20),
    ("mecanicien", 20),
    ("gestionnaire-carriere-paie", 15),
    ("magasinier", 10),
    ("gestionnaire-comptable", 10),
    ("technicien-support", 8),
];

/// Trainee-days a year per agent, in tenths: 2.2, the national average of territorial agents
/// in 2019 (CNFPT, as reported in `../shared/research/domain-facts.md`).
pub const TRAINING_TENTHS_PER_AGENT: u64 = 22;

/// A synthetic employer's whole training budget, trainee-days a year: 2.2 per agent
/// ([`TRAINING_TENTHS_PER_AGENT`]), rounded up. The statutory reserve and the digital share
/// (`batch --budget-share`) come out of it, as out of any profile's budget.
pub fn training_days(agents: u64) -> u32 {
    u32::try_from((agents * TRAINING_TENTHS_PER_AGENT).div_ceil(10)).unwrap_or(u32::MAX)
}

/// Generates the `index`-th of `count` synthetic profiles for `seed` (see [`employer_index`]).
pub fn profile(seed: u64, count: u64, index: u64, first_year: u16) -> Synthetic {
    let at = employer_index(count, index);
    let e = &employers()[at];
    let mut r = SplitMix::new(seed, at as u64);
    let kind = e.kind;
    // Staff: fixed posts, then each part's mix; every part's estimate varies by ±20 %.
    let parts: Vec<(Mix, u64)> = e
        .parts
        .iter()
        .map(|&(mix, n)| (mix, r.jitter(n, 20).max(1)))
        .collect();
    let agents: u64 = parts.iter().map(|p| p.1).sum();
    let population = e.population;
    let mut staff: Vec<(&str, u64)> = Vec::new();
    let mut fixed_total = 0;
    {
        let mut left = agents;
        let mut fixed = |id: &'static str, n: u64| {
            let n = n.min(left);
            if n > 0 {
                staff.push((id, n));
                left -= n;
            }
        };
        match kind {
            CollectivityKind::Commune if population < 3_500 => fixed("secretaire-de-mairie", 1),
            CollectivityKind::SocialActionCentre => fixed("directeur-ccas", 1),
            CollectivityKind::FireAndRescue => {}
            _ => {
                fixed("directeur-general-services", 1);
                if agents >= 200 {
                    fixed("directeur-general-adjoint", (agents / 400).clamp(1, 6));
                }
                if agents >= 100 {
                    fixed("drh", 1);
                    fixed("directeur-finances", 1);
                }
                if agents >= 250 {
                    fixed("dsi", 1);
                    fixed("delegue-protection-donnees", 1);
                }
            }
        }
        fixed_total += agents - left;
    }
    // The fixed posts come out of the first part.
    for (k, (mix, n)) in parts.iter().enumerate() {
        let n = if k == 0 {
            n.saturating_sub(fixed_total)
        } else {
            *n
        };
        let mix = if kind == CollectivityKind::Commune && population < 2_000 {
            SMALL_COMMUNE
        } else {
            mix
        };
        let weights: Vec<u64> = mix.iter().map(|(_, w)| *w).collect();
        for ((id, _), n) in mix.iter().zip(apportion_weights(n, &weights)) {
            if n > 0 {
                match staff.iter_mut().find(|(s, _)| s == id) {
                    Some(line) => line.1 += n,
                    None => staff.push((id, n)),
                }
            }
        }
    }
    let agents: u64 = staff.iter().map(|s| s.1).sum();
    let maturity = {
        let w: [u64; 4] = match (kind, agents) {
            (CollectivityKind::Commune, 0..20) => [45, 40, 12, 3],
            (CollectivityKind::Commune, _) => [15, 45, 30, 10],
            (CollectivityKind::Region | CollectivityKind::Department, _) => [0, 30, 50, 20],
            _ => [10, 45, 35, 10],
        };
        Maturity::ALL[r.weighted(&w)]
    };
    // The draws in this order (the same profiles for the same seed).
    let max_days_per_agent = r.range(3, 8) as u32;
    let mut budget = Budget::new(training_days(agents), max_days_per_agent);
    budget.cost_per_day = Some(r.range(120, 250) as u32);
    let mut profile = Profile::new(e.name.clone(), kind, first_year, budget);
    profile.population = u32::try_from(population).ok();
    profile.commune = e.commune.clone();
    profile.department = Some(e.department.clone());
    profile.intercommunality = e.intercommunality.clone();
    profile.maturity = maturity;
    profile.staff = staff
        .into_iter()
        .map(|(id, n)| StaffLine::new(MetierId::new(id), n as u32))
        .collect();
    profile.managers = (agents / 12) as u32;
    profile.elected_officials = e.elected / 2;
    Synthetic {
        stem: e.stem.clone(),
        profile,
    }
}

/// Whether `stem` is the file stem of a synthetic profile: `kind-code`, the kind's
/// [`kind_key`] and an INSEE code or SIREN (digits and capitals: `commune-2A004`).
pub fn is_stem(stem: &str) -> bool {
    stem.split_once('-').is_some_and(|(kind, code)| {
        CollectivityKind::ALL.iter().any(|&k| kind_key(k) == kind)
            && !code.is_empty()
            && code
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    })
}

/// Short ASCII key of a kind, for file names.
pub fn kind_key(k: CollectivityKind) -> &'static str {
    match k {
        CollectivityKind::Commune => "commune",
        CollectivityKind::Intercommunality => "epci",
        CollectivityKind::Department => "departement",
        CollectivityKind::Region => "region",
        CollectivityKind::SocialActionCentre => "ccas",
        CollectivityKind::FireAndRescue => "sdis",
        CollectivityKind::ManagementCentre => "cdg",
        CollectivityKind::Other => "autre",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parcours_graph::ReferenceData;

    fn count(kind: CollectivityKind) -> usize {
        employers().iter().filter(|e| e.kind == kind).count()
    }

    #[test]
    fn the_employers_follow_the_real_map() {
        let g = Geography::france();
        let all = employers();
        assert_eq!(count(CollectivityKind::Commune), g.communes.len());
        assert_eq!(
            count(CollectivityKind::Intercommunality),
            g.intercommunalities.len()
        );
        // 101 departments less Paris, the two of Corsica, Martinique, Guyane and one of the
        // two of Alsace.
        assert_eq!(count(CollectivityKind::Department), 95);
        // 18 regions less Mayotte (its department): 14 regions and Corsica, Martinique, Guyane.
        assert_eq!(count(CollectivityKind::Region), 17);
        // 101 departments less Paris and its inner ring.
        assert_eq!(count(CollectivityKind::FireAndRescue), 97);
        let ccas = g
            .communes
            .iter()
            .filter(|c| c.population >= CCAS_FROM)
            .count();
        assert_eq!(count(CollectivityKind::SocialActionCentre), ccas);
        assert!((36_000..45_000).contains(&all.len()), "{}", all.len());
        // Stems are unique, so are the files.
        assert!(all.iter().all(|e| is_stem(&e.stem)));
        assert!(!is_stem("commune-") && !is_stem("notes") && !is_stem("ville-75056"));
        let mut stems: Vec<&str> = all.iter().map(|e| e.stem.as_str()).collect();
        stems.sort_unstable();
        stems.dedup();
        assert_eq!(stems.len(), all.len());
        let by = |stem: &str| all.iter().find(|e| e.stem == stem).expect(stem);
        assert_eq!(by("commune-75056").name, "Ville de Paris");
        assert_eq!(
            by("departement-67").name,
            "Collectivité européenne d'Alsace"
        );
        assert_eq!(by("departement-48").name, "Département de la Lozère");
        assert!(by("departement-48").population < 80_000);
        assert_eq!(by("sdis-01").name, "SDIS de l'Ain");
        assert_eq!(by("region-94").name, "Collectivité de Corse");
        assert_eq!(by("region-84").department, "69");
        assert!(all.iter().all(|e| !e.department.is_empty()));
    }

    #[test]
    fn estimated_staff_matches_national_orders_of_magnitude() {
        let sum = |kind: CollectivityKind| -> u64 {
            employers()
                .iter()
                .filter(|e| e.kind == kind)
                .map(Employer::agents)
                .sum()
        };
        // DGAFP / DGCL, end of 2016: 1.89 million territorial agents, 53.6 % in communes,
        // 15.1 % in departments, 4.6 % in regions; SDIS: about 52,000 professional
        // firefighters and administrative staff (DGSCGC).
        let communes = sum(CollectivityKind::Commune);
        assert!((850_000..1_150_000).contains(&communes), "{communes}");
        let departments = sum(CollectivityKind::Department);
        assert!((230_000..340_000).contains(&departments), "{departments}");
        let regions = sum(CollectivityKind::Region);
        assert!((70_000..120_000).contains(&regions), "{regions}");
        let sdis = sum(CollectivityKind::FireAndRescue);
        assert!((40_000..65_000).contains(&sdis), "{sdis}");
        let all: u64 = employers().iter().map(Employer::agents).sum();
        assert!((1_600_000..2_100_000).contains(&all), "{all}");
    }

    #[test]
    fn profiles_are_valid_deterministic_and_subsets_agree() {
        let data = ReferenceData::embedded().expect("data");
        let mut small = 0;
        for i in 0..400 {
            let s = profile(42, 400, i, 2027);
            let again = profile(42, 400, i, 2027);
            assert_eq!(s.stem, again.stem);
            assert_eq!(s.profile.staff, again.profile.staff);
            let problems = parcours_planner::check::check(&s.profile, &data, &s.stem, "");
            assert!(problems.is_empty(), "{}: {problems:?}", s.stem);
            if s.profile.kind == CollectivityKind::Commune
                && s.profile.population.unwrap_or(0) < 2_000
            {
                small += 1;
            }
            // The whole training budget: 2.2 trainee-days per agent, no digital share set.
            let agents: u64 = s.profile.staff.iter().map(|l| u64::from(l.headcount)).sum();
            assert_eq!(
                u64::from(s.profile.budget.days_per_year),
                (agents * 22).div_ceil(10)
            );
            assert_eq!(s.profile.budget.digital_share_percent, None);
            // The same employer gives the same profile in the whole list.
            let at = employer_index(400, i) as u64;
            let whole = profile(42, u64::MAX, at, 2027);
            assert_eq!(whole.stem, s.stem);
            assert_eq!(whole.profile.staff, s.profile.staff);
        }
        assert!(small > 250, "most communes are small: {small}");
        assert_eq!(council_size(600), 15);
        assert_eq!(council_size(45_000), 43);
    }
}
