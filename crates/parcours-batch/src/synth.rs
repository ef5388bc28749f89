//! Synthetic France: realistic, seeded collectivity profiles for batch runs and benchmarks.
//!
//! The mix of employers follows public counts (orders of magnitude; see `docs/synthetic.md`):
//! about 35,000 communes, most under 2,000 inhabitants; about 1,250 intercommunalities
//! (EPCI à fiscalité propre); 101 departments; 18 regions; about 2,000 CCAS/CIAS with their own
//! staff; about 97 SDIS. For `count` profiles the kinds are drawn in those proportions, with the
//! rare kinds (regions, departments, SDIS) given their real number whenever `count` is large
//! enough. Staff is sized by kind and population, the métier mix depends on the kind, the
//! maturity on the kind and size; every profile has a department code, and communes an
//! intercommunality of their department (for pooling).
//!
//! Same `(seed, count)`, same profiles, byte for byte; each profile depends only on the seed and
//! its index, so they can be generated in parallel.

use parcours_graph::ids::MetierId;
use parcours_graph::vocab::Maturity;
use parcours_planner::population::apportion_weights;
use parcours_planner::profile::{Budget, CollectivityKind, Profile, StaffLine};
use parcours_planner::rng::SplitMix;

/// The 101 department codes (INSEE).
pub const DEPARTMENTS: [&str; 101] = [
    "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16",
    "17", "18", "19", "2A", "2B", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31",
    "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47",
    "48", "49", "50", "51", "52", "53", "54", "55", "56", "57", "58", "59", "60", "61", "62", "63",
    "64", "65", "66", "67", "68", "69", "70", "71", "72", "73", "74", "75", "76", "77", "78", "79",
    "80", "81", "82", "83", "84", "85", "86", "87", "88", "89", "90", "91", "92", "93", "94", "95",
    "971", "972", "973", "974", "976",
];

/// The 18 regions and the department code of their prefecture.
pub const REGIONS: [(&str, &str); 18] = [
    ("Auvergne-Rhône-Alpes", "69"),
    ("Bourgogne-Franche-Comté", "21"),
    ("Bretagne", "35"),
    ("Centre-Val de Loire", "45"),
    ("Corse", "2A"),
    ("Grand Est", "67"),
    ("Hauts-de-France", "59"),
    ("Île-de-France", "75"),
    ("Normandie", "76"),
    ("Nouvelle-Aquitaine", "33"),
    ("Occitanie", "31"),
    ("Pays de la Loire", "44"),
    ("Provence-Alpes-Côte d'Azur", "13"),
    ("Guadeloupe", "971"),
    ("Martinique", "972"),
    ("Guyane", "973"),
    ("La Réunion", "974"),
    ("Mayotte", "976"),
];

/// National counts used for the mix: (kind, count).
pub const NATIONAL_MIX: [(CollectivityKind, u64); 6] = [
    (CollectivityKind::Commune, 34_900),
    (CollectivityKind::Intercommunality, 1_250),
    (CollectivityKind::Department, 101),
    (CollectivityKind::Region, 18),
    (CollectivityKind::SocialActionCentre, 2_000),
    (CollectivityKind::FireAndRescue, 97),
];

/// Intercommunalities per department in the synthetic census (1,250 / 101 ≈ 12).
pub const EPCI_PER_DEPARTMENT: u64 = 12;

/// One synthetic profile and the file stem it is written under.
#[derive(Clone, Debug)]
pub struct Synthetic {
    /// File stem, e.g. `00042-commune-35`.
    pub stem: String,
    /// The profile.
    pub profile: Profile,
}

/// How many profiles of each kind `count` profiles hold: from [`FULL_RARE_KINDS_FROM`] on, the
/// real number of intercommunalities, departments, regions and SDIS, communes and CCAS sharing
/// the rest; below, every kind in proportion. Largest remainder: whole numbers adding up to
/// `count`.
pub fn census(count: u64) -> Vec<(CollectivityKind, u64)> {
    let weights: Vec<u64> = NATIONAL_MIX.iter().map(|(_, n)| *n).collect();
    if count < FULL_RARE_KINDS_FROM {
        let parts = apportion_weights(count, &weights);
        return NATIONAL_MIX
            .iter()
            .zip(parts)
            .map(|((k, _), n)| (*k, n))
            .collect();
    }
    // Every intercommunality, department, region and SDIS; communes and CCAS share the rest.
    let rare: u64 = NATIONAL_MIX[1..4]
        .iter()
        .chain(&NATIONAL_MIX[5..])
        .map(|(_, n)| n)
        .sum();
    let rest = apportion_weights(count - rare, &[NATIONAL_MIX[0].1, NATIONAL_MIX[4].1]);
    let mut out = NATIONAL_MIX.to_vec();
    out[0].1 = rest[0];
    out[4].1 = rest[1];
    out
}

/// From this many profiles on, the rare kinds come in their real numbers.
pub const FULL_RARE_KINDS_FROM: u64 = 5_000;

/// The kind of the `index`-th profile of a run of `count` (kinds in census order: all the
/// communes first, then intercommunalities, …).
fn kind_at(census: &[(CollectivityKind, u64)], index: u64) -> (CollectivityKind, u64) {
    let mut i = index;
    for (k, n) in census {
        if i < *n {
            return (*k, i);
        }
        i -= n;
    }
    (CollectivityKind::Commune, 0)
}

/// Population brackets of communes: (weight, low, high). About 71 % under 1,000 inhabitants,
/// 86 % under 2,000, 0.1 % over 100,000.
const COMMUNE_BRACKETS: [(u64, u64, u64); 7] = [
    (530, 50, 499),
    (190, 500, 999),
    (140, 1_000, 1_999),
    (90, 2_000, 4_999),
    (38, 5_000, 19_999),
    (11, 20_000, 99_999),
    (1, 100_000, 800_000),
];

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

/// Generates the `index`-th of `count` synthetic profiles for `seed`.
pub fn profile(seed: u64, count: u64, index: u64, first_year: u16) -> Synthetic {
    let census = census(count);
    let (kind, rank) = kind_at(&census, index);
    let mut r = SplitMix::new(seed, index);
    // Department: regions use their prefecture's; the others spread over the 101.
    let department = match kind {
        CollectivityKind::Region => REGIONS[(rank % 18) as usize].1.to_owned(),
        CollectivityKind::Department | CollectivityKind::FireAndRescue => {
            DEPARTMENTS[(rank % 101) as usize].to_owned()
        }
        _ => DEPARTMENTS[r.range(0, 100) as usize].to_owned(),
    };
    let (population, agents, mix, name): (u64, u64, Mix, String) = match kind {
        CollectivityKind::Commune => {
            let w: Vec<u64> = COMMUNE_BRACKETS.iter().map(|b| b.0).collect();
            let b = COMMUNE_BRACKETS[r.weighted(&w)];
            let pop = r.range(b.1, b.2);
            // Agents per 1,000 inhabitants grow with size (about 6 in villages, 15 in cities).
            let per_mille = match pop {
                0..2_000 => 7,
                2_000..10_000 => 11,
                10_000..50_000 => 14,
                _ => 16,
            };
            let agents = r.jitter((pop * per_mille).div_ceil(1000), 25).max(1);
            let mix = if pop < 2_000 { SMALL_COMMUNE } else { COMMUNE };
            (
                pop,
                agents,
                mix,
                format!("Commune synthétique n° {}", rank + 1),
            )
        }
        CollectivityKind::Intercommunality => {
            let pop = r.range(8_000, 60_000) * if r.chance(1, 6) { r.range(3, 12) } else { 1 };
            (
                pop,
                r.jitter((pop * 45).div_ceil(10_000), 25).max(10),
                INTERCOMMUNALITY,
                format!("Intercommunalité synthétique n° {}", rank + 1),
            )
        }
        CollectivityKind::Department => {
            let pop = r.range(80_000, 1_200_000)
                + if r.chance(1, 8) {
                    r.range(0, 1_400_000)
                } else {
                    0
                };
            (
                pop,
                r.jitter((pop * 4).div_ceil(1000), 20),
                DEPARTMENT,
                format!("Département synthétique {department}"),
            )
        }
        CollectivityKind::Region => {
            let pop = r.range(300_000, 8_000_000)
                + if r.chance(1, 6) {
                    r.range(0, 4_000_000)
                } else {
                    0
                };
            (
                pop,
                r.jitter((pop * 14).div_ceil(10_000), 20),
                REGION,
                format!("Région synthétique {}", REGIONS[(rank % 18) as usize].0),
            )
        }
        CollectivityKind::SocialActionCentre => {
            let pop = r.range(2_000, 80_000);
            (
                pop,
                r.jitter((pop * 2).div_ceil(1000), 40).max(2),
                SOCIAL_ACTION_CENTRE,
                format!("CCAS synthétique n° {}", rank + 1),
            )
        }
        _ => {
            let pop = r.range(150_000, 1_500_000);
            (
                pop,
                r.jitter(pop.div_ceil(1000) * 2, 30).max(100),
                FIRE_AND_RESCUE,
                format!("SDIS synthétique {department}"),
            )
        }
    };
    // Staff: fixed posts, then the mix.
    let mut staff: Vec<(&str, u64)> = Vec::new();
    let mut left = agents;
    let fixed = |id: &'static str, n: u64, left: &mut u64, staff: &mut Vec<(&'static str, u64)>| {
        let n = n.min(*left);
        if n > 0 {
            staff.push((id, n));
            *left -= n;
        }
    };
    match kind {
        CollectivityKind::Commune if population < 3_500 => {
            fixed("secretaire-de-mairie", 1, &mut left, &mut staff)
        }
        CollectivityKind::SocialActionCentre => fixed("directeur-ccas", 1, &mut left, &mut staff),
        CollectivityKind::FireAndRescue => {}
        _ => {
            fixed("directeur-general-services", 1, &mut left, &mut staff);
            if agents >= 200 {
                fixed(
                    "directeur-general-adjoint",
                    (agents / 400).clamp(1, 6),
                    &mut left,
                    &mut staff,
                );
            }
            if agents >= 100 {
                fixed("drh", 1, &mut left, &mut staff);
                fixed("directeur-finances", 1, &mut left, &mut staff);
            }
            if agents >= 250 {
                fixed("dsi", 1, &mut left, &mut staff);
                fixed("delegue-protection-donnees", 1, &mut left, &mut staff);
            }
        }
    }
    let weights: Vec<u64> = mix.iter().map(|(_, w)| *w).collect();
    for ((id, _), n) in mix.iter().zip(apportion_weights(left, &weights)) {
        if n > 0 {
            match staff.iter_mut().find(|(s, _)| s == id) {
                Some(line) => line.1 += n,
                None => staff.push((id, n)),
            }
        }
    }
    let maturity = {
        let w: [u64; 4] = match (kind, agents) {
            (CollectivityKind::Commune, 0..20) => [45, 40, 12, 3],
            (CollectivityKind::Commune, _) => [15, 45, 30, 10],
            (CollectivityKind::Region | CollectivityKind::Department, _) => [0, 30, 50, 20],
            _ => [10, 45, 35, 10],
        };
        Maturity::ALL[r.weighted(&w)]
    };
    let elected = match kind {
        CollectivityKind::Commune => council_size(population),
        CollectivityKind::Intercommunality => (population / 2_000).clamp(16, 130) as u32,
        CollectivityKind::Department => (2 * (population / 50_000).clamp(9, 41)) as u32,
        CollectivityKind::Region => (population / 60_000).clamp(41, 209) as u32,
        _ => 0,
    };
    let intercommunality = (kind == CollectivityKind::Commune)
        .then(|| format!("epci-{department}-{:02}", r.range(1, EPCI_PER_DEPARTMENT)));
    let days = r.jitter((agents * 22).div_ceil(10), 30);
    let stem = format!("{:05}-{}-{}", index + 1, kind_key(kind), department);
    // The draws in this order (the same profiles for the same seed).
    let max_days_per_agent = r.range(3, 8) as u32;
    let mut budget = Budget::new(days as u32, max_days_per_agent);
    budget.cost_per_day = Some(r.range(120, 250) as u32);
    let mut profile = Profile::new(name, kind, first_year, budget);
    profile.population = u32::try_from(population).ok();
    profile.department = Some(department);
    profile.intercommunality = intercommunality;
    profile.maturity = maturity;
    profile.staff = staff
        .into_iter()
        .map(|(id, n)| StaffLine::new(MetierId::new(id), n as u32))
        .collect();
    profile.managers = (agents / 12) as u32;
    profile.elected_officials = elected / 2;
    Synthetic { stem, profile }
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

    #[test]
    fn census_matches_the_national_mix() {
        let c = census(36_000);
        assert_eq!(c.iter().map(|(_, n)| n).sum::<u64>(), 36_000);
        assert_eq!(c[2], (CollectivityKind::Department, 101));
        assert_eq!(c[3], (CollectivityKind::Region, 18));
        let small = census(300);
        assert_eq!(small.iter().map(|(_, n)| n).sum::<u64>(), 300);
        assert!(small[0].1 > 250, "mostly communes: {small:?}");
    }

    #[test]
    fn profiles_are_valid_deterministic_and_realistic() {
        let data = ReferenceData::embedded().expect("data");
        let mut small = 0;
        for i in 0..400 {
            let s = profile(42, 400, i, 2027);
            assert_eq!(
                s.profile.staff.len(),
                profile(42, 400, i, 2027).profile.staff.len()
            );
            let problems = parcours_planner::check::check(&s.profile, &data, &s.stem, "");
            assert!(problems.is_empty(), "{}: {problems:?}", s.stem);
            if s.profile.kind == CollectivityKind::Commune
                && s.profile.population.unwrap_or(0) < 2_000
            {
                small += 1;
            }
        }
        assert!(small > 280, "most communes are small: {small}");
        assert_eq!(council_size(600), 15);
        assert_eq!(council_size(45_000), 43);
    }
}
