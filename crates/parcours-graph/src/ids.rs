//! Identifier newtypes: one type per kind of record, so a competency id can never be passed where
//! a module id is expected.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Builds the id from any string-like value.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }
    };
}

string_id!(
    /// A job family (*métier*) id, e.g. `secretaire-de-mairie`.
    MetierId
);
string_id!(
    /// A métier group id (one of the 7 groups of recommendation 23).
    GroupId
);
string_id!(
    /// A field of local public action (*champ d'action publique locale*).
    FieldId
);
string_id!(
    /// A competency domain id.
    DomainId
);
string_id!(
    /// A competency id, e.g. `pix-1-1` or `donnees-cycle-de-vie`.
    CompetencyId
);
string_id!(
    /// A training module id of the catalogue.
    ModuleId
);

/// A recommendation number, 1 to 41 in the study.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct RecNumber(pub u16);

impl fmt::Display for RecNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "R{}", self.0)
    }
}

/// A desired-effect number, 1 to 5 in the study.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct EffectNumber(pub u16);

impl fmt::Display for EffectNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "E{}", self.0)
    }
}

/// A footnote number of the study's text.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(transparent)]
pub struct FootnoteNumber(pub u16);
