//! The real map: communes, intercommunalities (EPCI à fiscalité propre), departments and
//! regions of metropolitan France and the five overseas departments, from Etalab's *découpage
//! administratif* (INSEE's official geographic code and legal populations, DGCL's list of EPCI;
//! Licence Ouverte). The derived file is `data/geography/france.tsv` (its README gives the
//! source, version and how to regenerate it). Which departments share a land border comes
//! from IGN's outlines, in `data/geography/neighbours.tsv` (derived by
//! `scripts/derive-neighbours.py`; same README).
//!
//! Embedded in the binary but parsed only on first use ([`Geography::france`]), by `synth` and
//! `batch`: the reference data's loading never touches it.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// The derived file, as shipped.
const FRANCE: &str = include_str!("../../../data/geography/france.tsv");

/// The departments' neighbours, as shipped.
const NEIGHBOURS: &str = include_str!("../../../data/geography/neighbours.tsv");

/// A region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    /// INSEE code (`84`, `01`…).
    pub code: Box<str>,
    /// INSEE code of its seat's commune.
    pub seat: Box<str>,
    /// INSEE's article type of the name (0 to 8).
    pub tncc: u8,
    /// Name (`Auvergne-Rhône-Alpes`).
    pub name: Box<str>,
}

/// A department.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Department {
    /// INSEE code (`01`, `2A`, `971`…).
    pub code: Box<str>,
    /// Its region's code.
    pub region: Box<str>,
    /// INSEE's article type of the name.
    pub tncc: u8,
    /// Name (`Ain`).
    pub name: Box<str>,
    /// The departments it shares a land border with, by code (none overseas).
    pub neighbours: Vec<Box<str>>,
}

/// An intercommunality with its own taxation (EPCI à fiscalité propre).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Intercommunality {
    /// SIREN.
    pub siren: Box<str>,
    /// Legal type: `CC`, `CA`, `CU`, `METRO`, `MET69` (the Métropole de Lyon).
    pub kind: Box<str>,
    /// Name.
    pub name: Box<str>,
    /// Population of its member communes.
    pub population: u64,
    /// The department holding most of its population (ties: the smallest code): where it
    /// pools sessions with its members.
    pub department: Box<str>,
}

/// A commune.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Commune {
    /// INSEE code.
    pub code: Box<str>,
    /// Department code.
    pub department: Box<str>,
    /// Region code.
    pub region: Box<str>,
    /// Its intercommunality, by index in [`Geography::intercommunalities`].
    pub intercommunality: Option<u32>,
    /// Legal population.
    pub population: u32,
    /// INSEE's article type of the name.
    pub tncc: u8,
    /// Name, with its article (`Le Mans`).
    pub name: Box<str>,
}

/// The whole map, every list sorted by code.
#[derive(Clone, Debug, Default)]
pub struct Geography {
    /// Regions.
    pub regions: Vec<Region>,
    /// Departments.
    pub departments: Vec<Department>,
    /// Intercommunalities, by SIREN.
    pub intercommunalities: Vec<Intercommunality>,
    /// Communes, by INSEE code.
    pub communes: Vec<Commune>,
    by_siren: FxHashMap<Box<str>, u32>,
}

impl Geography {
    /// The shipped map, parsed on first use.
    ///
    /// # Panics
    /// If the embedded file is malformed (a test parses it).
    pub fn france() -> &'static Geography {
        static MAP: OnceLock<Geography> = OnceLock::new();
        MAP.get_or_init(|| {
            let mut g = match Geography::parse(FRANCE) {
                Ok(g) => g,
                Err(e) => panic!("data/geography/france.tsv: {e}"),
            };
            if let Err(e) = g.set_neighbours(NEIGHBOURS) {
                panic!("data/geography/neighbours.tsv: {e}");
            }
            g
        })
    }

    /// Reads the departments' neighbours (`code<TAB>code,code…`, one department a line) into
    /// the departments of the map; every department must have its line, every neighbour be
    /// a department of the map and name it back.
    pub fn set_neighbours(&mut self, text: &str) -> Result<(), String> {
        let mut seen = vec![false; self.departments.len()];
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let bad = |why: &str| format!("line {}: {why}: {line:?}", n + 1);
            let (code, list) = line.split_once('\t').ok_or_else(|| bad("no tab"))?;
            let k = self
                .departments
                .binary_search_by(|d| (*d.code).cmp(code))
                .map_err(|_| bad("unknown department"))?;
            if std::mem::replace(&mut seen[k], true) {
                return Err(bad("department given twice"));
            }
            let neighbours: Vec<Box<str>> = list
                .split(',')
                .filter(|c| !c.is_empty())
                .map(Box::from)
                .collect();
            if let Some(c) = neighbours.iter().find(|c| self.department(c).is_none()) {
                return Err(bad(&format!("unknown neighbour {c}")));
            }
            self.departments[k].neighbours = neighbours;
        }
        if let Some(d) = seen.iter().position(|s| !s) {
            return Err(format!("department {} missing", self.departments[d].code));
        }
        for d in &self.departments {
            for n in &d.neighbours {
                let back = self
                    .department(n)
                    .is_some_and(|o| o.neighbours.contains(&d.code));
                if !back || *n == d.code {
                    return Err(format!("{} borders {n}, not the other way round", d.code));
                }
            }
        }
        Ok(())
    }

    /// The departments `code` shares a land border with (none when not on the map).
    pub fn neighbours(&self, code: &str) -> &[Box<str>] {
        self.department(code).map_or(&[], |d| &d.neighbours)
    }

    /// Parses the derived file's text.
    pub fn parse(text: &str) -> Result<Geography, String> {
        let mut g = Geography::default();
        let mut epci_of: Vec<Option<Box<str>>> = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let bad = || format!("line {} malformed: {line:?}", n + 1);
            let tncc = |s: &str| s.parse::<u8>().map_err(|_| bad());
            match f.as_slice() {
                ["R", code, seat, t, name] => g.regions.push(Region {
                    code: (*code).into(),
                    seat: (*seat).into(),
                    tncc: tncc(t)?,
                    name: (*name).into(),
                }),
                ["D", code, region, t, name] => g.departments.push(Department {
                    code: (*code).into(),
                    region: (*region).into(),
                    tncc: tncc(t)?,
                    name: (*name).into(),
                    neighbours: Vec::new(),
                }),
                ["E", siren, kind, name] => {
                    let i = g.intercommunalities.len() as u32;
                    g.by_siren.insert((*siren).into(), i);
                    g.intercommunalities.push(Intercommunality {
                        siren: (*siren).into(),
                        kind: (*kind).into(),
                        name: (*name).into(),
                        population: 0,
                        department: "".into(),
                    });
                }
                ["C", code, dept, region, epci, pop, t, name] => {
                    epci_of.push((!epci.is_empty()).then(|| (*epci).into()));
                    g.communes.push(Commune {
                        code: (*code).into(),
                        department: (*dept).into(),
                        region: (*region).into(),
                        intercommunality: None,
                        population: pop.parse().map_err(|_| bad())?,
                        tncc: tncc(t)?,
                        name: (*name).into(),
                    });
                }
                _ => return Err(bad()),
            }
        }
        // Members, populations, and the department holding most of each one's population.
        let mut per_dept: FxHashMap<(u32, &str), u64> = FxHashMap::default();
        for (c, e) in g.communes.iter_mut().zip(&epci_of) {
            if let Some(e) = e {
                let i = *g
                    .by_siren
                    .get(e)
                    .ok_or_else(|| format!("commune {}: unknown EPCI {e}", c.code))?;
                c.intercommunality = Some(i);
            }
        }
        for c in &g.communes {
            if let Some(i) = c.intercommunality {
                g.intercommunalities[i as usize].population += u64::from(c.population);
                *per_dept.entry((i, &c.department)).or_default() += u64::from(c.population);
            }
        }
        let mut best: Vec<Option<(u64, &str)>> = vec![None; g.intercommunalities.len()];
        for (&(i, d), &p) in &per_dept {
            let b = &mut best[i as usize];
            // Most population, then the smallest code: the same whatever the map's order.
            if b.is_none_or(|(bp, bd)| p > bp || (p == bp && d < bd)) {
                *b = Some((p, d));
            }
        }
        let best: Vec<Option<Box<str>>> = best.into_iter().map(|b| b.map(|b| b.1.into())).collect();
        for (e, b) in g.intercommunalities.iter_mut().zip(best) {
            e.department = b.ok_or_else(|| format!("EPCI {} has no member commune", e.siren))?;
        }
        Ok(g)
    }

    /// The intercommunality with this SIREN.
    pub fn intercommunality(&self, siren: &str) -> Option<&Intercommunality> {
        self.by_siren
            .get(siren)
            .map(|&i| &self.intercommunalities[i as usize])
    }

    /// The department where a collectivity of `department` belonging to the intercommunality
    /// `intercommunality` pools its sessions: the intercommunality's (the department holding
    /// most of its population) when it is on the map, else its own.
    pub fn pooling_department<'a>(
        &'a self,
        department: Option<&'a str>,
        intercommunality: Option<&str>,
    ) -> Option<&'a str> {
        intercommunality
            .and_then(|s| self.intercommunality(s))
            .map(|e| &*e.department)
            .or(department)
    }

    /// The department with this code.
    pub fn department(&self, code: &str) -> Option<&Department> {
        self.departments
            .binary_search_by(|d| (*d.code).cmp(code))
            .ok()
            .map(|i| &self.departments[i])
    }

    /// The commune with this INSEE code.
    pub fn commune(&self, code: &str) -> Option<&Commune> {
        self.communes
            .binary_search_by(|c| (*c.code).cmp(code))
            .ok()
            .map(|i| &self.communes[i])
    }

    /// The region with this code.
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| &*r.code == code)
    }
}

/// What the map says of a commune given by its INSEE code ([`Geography::place`]): where a
/// profile of that commune (or of its CCAS) stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// Its department's code.
    pub department: String,
    /// Its intercommunality's SIREN, when it belongs to one.
    pub intercommunality: Option<String>,
    /// Its legal population.
    pub population: u32,
}

/// Why a commune's code gives no [`Place`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PlaceError {
    /// No current commune has this INSEE code on the map.
    Unknown(String),
    /// The commune is in another department than the one given with it.
    OtherDepartment {
        /// The commune's INSEE code.
        commune: String,
        /// Its department.
        is_in: String,
        /// The department given.
        given: String,
    },
}

impl PlaceError {
    /// The error in French, naming the fields `commune`, `department` and `intercommunality`
    /// after `prefix` (`--` on the command line, nothing in the API).
    pub fn french(&self, prefix: &str) -> String {
        let (commune_field, department_field) =
            (format!("{prefix}commune"), format!("{prefix}department"));
        match self {
            PlaceError::Unknown(code) => format!(
                "{commune_field} {code} : aucune commune de ce code INSEE sur la carte administrative (code officiel géographique 2026) ; vérifiez le code, ou donnez plutôt {department_field} et {prefix}intercommunality"
            ),
            PlaceError::OtherDepartment {
                commune,
                is_in,
                given,
            } => format!(
                "{commune_field} {commune} est dans le département {is_in}, pas dans le département {given} de {department_field}"
            ),
        }
    }
}

impl Geography {
    /// Where the commune of INSEE code `commune` stands: its department (which must be
    /// `department` when one is given), its intercommunality and its population.
    pub fn place(&self, commune: &str, department: Option<&str>) -> Result<Place, PlaceError> {
        let c = self
            .commune(commune)
            .ok_or_else(|| PlaceError::Unknown(commune.to_owned()))?;
        if let Some(d) = department
            && d != &*c.department
        {
            return Err(PlaceError::OtherDepartment {
                commune: commune.to_owned(),
                is_in: c.department.to_string(),
                given: d.to_owned(),
            });
        }
        Ok(Place {
            department: c.department.to_string(),
            intercommunality: c
                .intercommunality
                .map(|i| self.intercommunalities[i as usize].siren.to_string()),
            population: c.population,
        })
    }
}

/// `name` after "de" as French writes it, by INSEE's article type `tncc`: `de l'Ain`,
/// `du Nord`, `des Bouches-du-Rhône`, `du Mans` (the article of `Le Mans` contracted).
pub fn of(tncc: u8, name: &str) -> String {
    let (article, linked) = match tncc {
        1 => ("", "d'"),
        2 => ("Le ", "du "),
        3 => ("La ", "de la "),
        4 => ("Les ", "des "),
        5 => ("L'", "de l'"),
        6 => ("Aux ", "des "),
        7 => ("Las ", "de Las "),
        8 => ("Los ", "de Los "),
        _ => ("", "de "),
    };
    let rest = name.strip_prefix(article).unwrap_or(name);
    format!("{linked}{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_map_is_complete() {
        let g = Geography::france();
        assert_eq!(g.regions.len(), 18);
        assert_eq!(g.departments.len(), 101);
        assert!(
            (34_000..36_000).contains(&g.communes.len()),
            "{}",
            g.communes.len()
        );
        assert!(
            (1_200..1_300).contains(&g.intercommunalities.len()),
            "{}",
            g.intercommunalities.len()
        );
        let population: u64 = g.communes.iter().map(|c| u64::from(c.population)).sum();
        assert!(
            (66_000_000..70_000_000).contains(&population),
            "{population}"
        );
        // Lozère, the smallest department: under 80,000 inhabitants and about 150 communes.
        let lozere: Vec<&Commune> = g
            .communes
            .iter()
            .filter(|c| &*c.department == "48")
            .collect();
        assert!((100..200).contains(&lozere.len()), "{}", lozere.len());
        assert!(lozere.iter().map(|c| u64::from(c.population)).sum::<u64>() < 80_000);
        // Paris is one commune, in the Métropole du Grand Paris, which pools in Paris.
        let paris: Vec<&Commune> = g
            .communes
            .iter()
            .filter(|c| &*c.department == "75")
            .collect();
        assert_eq!(paris.len(), 1);
        let mgp = &g.intercommunalities[paris[0].intercommunality.expect("in the MGP") as usize];
        assert_eq!(&*mgp.kind, "METRO");
        assert_eq!(&*mgp.department, "75");
        assert_eq!(
            g.pooling_department(Some("92"), Some(&mgp.siren)),
            Some("75")
        );
        assert_eq!(g.pooling_department(Some("29"), None), Some("29"));
        assert_eq!(
            g.pooling_department(Some("29"), Some("no-such")),
            Some("29")
        );
        // The island communes belong to no intercommunality.
        let sein = g
            .communes
            .iter()
            .find(|c| &*c.code == "29083")
            .expect("Île-de-Sein");
        assert_eq!(sein.intercommunality, None);
        assert_eq!(g.department("2A").map(|d| &*d.name), Some("Corse-du-Sud"));
    }

    #[test]
    fn neighbours_share_a_border_both_ways() {
        let g = Geography::france();
        let of = |c: &str| -> Vec<&str> { g.neighbours(c).iter().map(|n| &**n).collect() };
        assert_eq!(of("75"), ["92", "93", "94"]);
        assert_eq!(of("2A"), ["2B"]);
        assert_eq!(of("2B"), ["2A"]);
        assert_eq!(of("29"), ["22", "56"]);
        assert_eq!(of("13"), ["30", "83", "84"]);
        assert_eq!(of("69"), ["01", "38", "42", "71"]);
        // Overseas: no department across a land border; off the map: none.
        for c in ["971", "972", "973", "974", "976", "99"] {
            assert!(of(c).is_empty(), "{c}");
        }
        // Symmetric, never itself, every metropolitan department has one, 238 pairs.
        let mut pairs = 0;
        for d in &g.departments {
            assert!(d.code.len() == 3 || !d.neighbours.is_empty(), "{}", d.code);
            for n in &d.neighbours {
                assert_ne!(n, &d.code);
                assert!(g.neighbours(n).contains(&d.code), "{} {n}", d.code);
                pairs += 1;
            }
        }
        assert_eq!(pairs / 2, 238);
        // The region's departments of Brittany all border another of them.
        assert!(
            g.departments
                .iter()
                .filter(|d| &*d.region == "53")
                .all(|d| d
                    .neighbours
                    .iter()
                    .any(|n| g.department(n).is_some_and(|o| o.region == d.region)))
        );
    }

    #[test]
    fn malformed_neighbours_are_refused() {
        let map =
            "R\t53\t35238\t0\tBretagne\nD\t22\t53\t4\tCôtes-d'Armor\nD\t29\t53\t2\tFinistère\n";
        let with = |text: &str| {
            let mut g = Geography::parse(map).expect("a map");
            g.set_neighbours(text).map(|()| g)
        };
        let g = with("22\t29\n29\t22\n").expect("well formed");
        assert_eq!(g.neighbours("29"), [Box::from("22")]);
        assert!(with("22\t29\n29\t\n").is_err(), "one way only");
        assert!(with("22\t29\n").is_err(), "29 missing");
        assert!(with("22\t29\n29\t22\n29\t22\n").is_err(), "twice");
        assert!(with("22\t35\n29\t\n").is_err(), "unknown neighbour");
        assert!(with("22 29\n29\t22\n").is_err(), "no tab");
    }

    #[test]
    fn a_commune_gives_its_place() {
        let g = Geography::france();
        let rennes = g.place("35238", None).expect("Rennes");
        assert_eq!(rennes.department, "35");
        assert_eq!(rennes.intercommunality.as_deref(), Some("243500139"));
        assert!(rennes.population > 200_000);
        assert_eq!(g.place("35238", Some("35")), Ok(rennes));
        let other = g.place("35238", Some("29")).expect_err("not in 29");
        assert_eq!(
            other.french("--"),
            "--commune 35238 est dans le département 35, pas dans le département 29 de --department"
        );
        let unknown = g.place("99999", None).expect_err("no such commune");
        assert!(
            unknown
                .french("")
                .starts_with("commune 99999 : aucune commune")
                && unknown
                    .french("")
                    .ends_with("donnez plutôt department et intercommunality"),
            "{unknown:?}"
        );
        // Île-de-Sein: in no intercommunality.
        assert_eq!(g.place("29083", None).map(|p| p.intercommunality), Ok(None));
    }

    #[test]
    fn names_take_their_article() {
        assert_eq!(of(5, "Ain"), "de l'Ain");
        assert_eq!(of(2, "Nord"), "du Nord");
        assert_eq!(of(2, "Le Mans"), "du Mans");
        assert_eq!(of(4, "Bouches-du-Rhône"), "des Bouches-du-Rhône");
        assert_eq!(of(0, "Paris"), "de Paris");
        assert_eq!(of(1, "Orléans"), "d'Orléans");
        assert_eq!(of(3, "La Réunion"), "de la Réunion");
    }

    #[test]
    fn malformed_lines_are_refused() {
        assert!(Geography::parse("X\t1\n").is_err());
        assert!(Geography::parse("C\t01001\t01\t84\t999\t10\t0\tA\n").is_err());
    }
}
