//! Closed sets of values that a plan writes as fixed words — a modality as `présentiel`, a
//! category as `sensitive`, a year's horizon as `short` — and reads back. In Rust they are
//! enums; in the plan's JSON (and its schema) they stay the strings they always were.
//!
//! Use with serde's `with`: `#[serde(with = "crate::words::one")]` on a field holding one value,
//! `#[serde(with = "crate::words::many")]` on a list of them.

use crate::profile::CollectivityKind;
use parcours_graph::vocab::{Category, Channel, Horizon, Maturity, Modality};
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serializer};
use std::borrow::Cow;

/// A value written as one of a fixed set of words.
pub trait Word: Copy + 'static {
    /// Every value.
    const ALL: &'static [Self];
    /// Its word in a plan.
    fn word(self) -> &'static str;
    /// The value written `w`, if any.
    fn from_word(w: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.word() == w)
    }
}

impl Word for CollectivityKind {
    const ALL: &'static [Self] = &CollectivityKind::ALL;
    fn word(self) -> &'static str {
        self.label()
    }
}

impl Word for Maturity {
    const ALL: &'static [Self] = &Maturity::ALL;
    fn word(self) -> &'static str {
        self.label()
    }
}

impl Word for Modality {
    const ALL: &'static [Self] = &[
        Modality::InPerson,
        Modality::Remote,
        Modality::SelfTraining,
        Modality::Tutoring,
        Modality::Blended,
    ];
    fn word(self) -> &'static str {
        self.label()
    }
}

impl Word for Channel {
    const ALL: &'static [Self] = &Channel::ALL;
    fn word(self) -> &'static str {
        self.label()
    }
}

impl Word for Category {
    const ALL: &'static [Self] = &Category::ALL;
    fn word(self) -> &'static str {
        self.key()
    }
}

impl Word for Horizon {
    const ALL: &'static [Self] = &Horizon::ALL;
    fn word(self) -> &'static str {
        self.key()
    }
}

fn read<'de, T: Word, D: Deserializer<'de>>(w: &str) -> Result<T, D::Error> {
    T::from_word(w).ok_or_else(|| {
        let known: Vec<&str> = T::ALL.iter().map(|v| v.word()).collect();
        D::Error::custom(format!(
            "valeur inconnue `{w}` (valeurs possibles : {})",
            known.join(", ")
        ))
    })
}

/// One value, as its word.
pub mod one {
    use super::*;

    /// Writes `v` as its word.
    pub fn serialize<T: Word, S: Serializer>(v: &T, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(v.word())
    }

    /// Reads a value from its word.
    pub fn deserialize<'de, T: Word, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
        let w = Cow::<str>::deserialize(d)?;
        read::<T, D>(&w)
    }
}

/// A list of values, as their words.
pub mod many {
    use super::*;

    /// Writes the values as a list of words.
    pub fn serialize<'a, T, L, S>(values: &'a L, s: S) -> Result<S::Ok, S::Error>
    where
        T: Word,
        &'a L: IntoIterator<Item = &'a T>,
        S: Serializer,
    {
        s.collect_seq(values.into_iter().map(|v| v.word()))
    }

    /// Reads a list of values from their words.
    pub fn deserialize<'de, T, L, D>(d: D) -> Result<L, D::Error>
    where
        T: Word,
        L: FromIterator<T>,
        D: Deserializer<'de>,
    {
        let words = Vec::<Cow<str>>::deserialize(d)?;
        words.iter().map(|w| read::<T, D>(w)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Word + PartialEq + std::fmt::Debug>() {
        for v in T::ALL {
            assert_eq!(T::from_word(v.word()), Some(*v));
        }
        let mut words: Vec<&str> = T::ALL.iter().map(|v| v.word()).collect();
        words.sort();
        words.dedup();
        assert_eq!(words.len(), T::ALL.len(), "two values share a word");
    }

    #[test]
    fn every_value_reads_back_from_its_word() {
        round_trip::<CollectivityKind>();
        round_trip::<Maturity>();
        round_trip::<Modality>();
        round_trip::<Category>();
        round_trip::<Horizon>();
    }
}
