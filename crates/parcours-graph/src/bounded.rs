//! Lists read with a limit on their length, checked while they are read: a list beyond its
//! limit is refused at its first element too many, before it can fill the memory whatever the
//! size of the file (its length is not counted: reading the rest of a 64 MB file could take
//! seconds). The reference files' lists use [`records`] and [`entries`]; the profile's lists
//! have their own limits (`parcours_planner::profile::limits`) through [`read`].

use crate::diagnostic::french_number;
use serde::de::{Deserialize, Deserializer, Error, SeqAccess, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// Most records in one list of a reference file (métiers, modules, recommendations, the
/// métiers of a category, the requirements…; the shipped data has at most 152).
pub const MAX_RECORDS: usize = 5_000;

/// Most entries in a list inside one record (a métier's groups, a module's prerequisites, a
/// recommendation's points, a métier's targets…; the shipped data has at most a few dozen).
pub const MAX_ENTRIES: usize = 200;

/// The message of a list beyond its limit `max`: `what` names the elements (plural, French),
/// `per` the scope of the limit.
pub fn too_many(max: usize, what: &str, per: &str) -> String {
    let max = french_number(max);
    format!("plus de {max} {what}{per} : la limite est de {max}")
}

struct Bounded<T> {
    max: usize,
    what: &'static str,
    per: &'static str,
    element: PhantomData<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for Bounded<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // What serde says of any list, so that a wrong type reads the same.
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut list = Vec::new();
        while let Some(element) = seq.next_element()? {
            if list.len() == self.max {
                return Err(A::Error::custom(too_many(self.max, self.what, self.per)));
            }
            list.push(element);
        }
        Ok(list)
    }
}

/// Reads a list of at most `max` elements (see [`too_many`] for `what` and `per`).
pub fn read<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
    max: usize,
    what: &'static str,
    per: &'static str,
) -> Result<Vec<T>, D::Error> {
    d.deserialize_seq(Bounded {
        max,
        what,
        per,
        element: PhantomData,
    })
}

/// A list of records of a reference file, at most [`MAX_RECORDS`].
pub fn records<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    read(d, MAX_RECORDS, "enregistrements", " dans une liste")
}

/// A list inside a record of a reference file, at most [`MAX_ENTRIES`].
pub fn entries<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    read(d, MAX_ENTRIES, "éléments", " dans une liste")
}

/// A reference file that is a list of records, at most [`MAX_RECORDS`].
pub struct Records<T>(pub Vec<T>);

/// Written as the list it holds (the strings' checks walk records through serialization).
impl<T: serde::Serialize> serde::Serialize for Records<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Records<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        records(d).map(Records)
    }
}
