//! Lists of a profile read with a limit on their length, checked while they are read: a list
//! beyond its limit is refused at its first element too many, before it can fill the memory
//! (its length is not counted: reading the rest could take seconds in a 64 MB file).

use crate::profile::limits;
use parcours_graph::bounded::read;
use serde::de::{Deserialize, Deserializer};

/// Declares a reader of a bounded list: `name(max, what, per)`.
macro_rules! readers {
    ($($(#[$doc:meta])* $name:ident: $max:expr, $what:literal, $per:literal;)*) => {
        $(
            $(#[$doc])*
            pub fn $name<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
                d: D,
            ) -> Result<Vec<T>, D::Error> {
                read(d, $max, $what, $per)
            }
        )*
    };
}

readers! {
    /// `staff`.
    staff_lines: limits::MAX_STAFF_LINES, "lignes de personnel", "";
    /// `custom_metiers`.
    custom_metiers: limits::MAX_CUSTOM_METIERS, "métiers propres", "";
    /// A staff line's `levels`.
    levels: limits::MAX_LEVELS, "niveaux actuels", " sur une ligne de personnel";
    /// A custom métier's `targets`.
    targets: limits::MAX_LEVELS, "cibles", " pour un métier propre";
    /// `done_modules`, of the profile or of a staff line.
    done_modules: limits::MAX_MODULES, "modules déjà suivis", "";
    /// `excluded_modules`.
    excluded_modules: limits::MAX_MODULES, "modules exclus", "";
    /// `without_workstation`.
    metier_list: limits::MAX_STAFF_LINES, "métiers sans poste de travail", "";
    /// `effect_weights`.
    effect_weights: limits::MAX_TAGS, "pondérations d'effets", "";
    /// A custom métier's `groups`.
    groups: limits::MAX_TAGS, "groupes de métiers", " pour un métier propre";
    /// A custom métier's `roles`.
    roles: limits::MAX_TAGS, "rôles", " pour un métier propre";
    /// `session_groups`.
    session_groups: limits::MAX_STAFF_LINES, "groupes de sessions", "";
    /// A session group's `metiers`.
    group_metiers: limits::MAX_STAFF_LINES, "métiers", " dans un groupe de sessions";
    /// A custom métier's `categories`.
    categories: limits::MAX_TAGS, "catégories", " pour un métier propre";
}

#[cfg(test)]
mod tests {
    use crate::profile::Profile;
    use parcours_graph::parse::from_ron;

    #[test]
    fn a_list_beyond_its_limit_is_refused() {
        let modules = vec!["\"m\""; super::limits::MAX_MODULES + 7].join(",");
        let text = format!(
            "(name: \"X\", kind: Commune, first_year: 2027, staff: [], done_modules: [{modules}], budget: (days_per_year: 1, max_days_per_agent: 1))"
        );
        let e = from_ron::<Profile>("p.ron", &text).unwrap_err();
        assert_eq!(
            e.message,
            "plus de 500 modules déjà suivis : la limite est de 500"
        );
        assert_eq!(e.path.as_deref(), Some("done_modules"));
        let json = format!(
            "{{\"name\": \"X\", \"kind\": \"Commune\", \"first_year\": 2027, \"staff\": [], \"done_modules\": [{modules}], \"budget\": {{\"days_per_year\": 1, \"max_days_per_agent\": 1}}}}"
        );
        let e = serde_json::from_str::<Profile>(&json).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("plus de 500 modules déjà suivis : la limite est de 500"),
            "{e}"
        );
        let ok = text.replacen("\"m\",", "", 7);
        assert!(from_ron("p.ron", &ok).is_ok_and(|p: Profile| p.done_modules.len() == 500));
    }
}
