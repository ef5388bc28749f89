//! The parameters of a request's address (`?budget_days=40&format=html`): decoded, each read
//! once, numbers and words checked with French messages; an unknown parameter is refused, so
//! that a misspelt option is never silently ignored.

use crate::problem::Problem;
use std::collections::BTreeMap;

/// The parameters of one request, by name.
#[derive(Clone, Debug, Default)]
pub struct Query {
    values: BTreeMap<String, String>,
}

impl Query {
    /// Parses the part of an address after `?` (percent-decoded, `+` as a space); a parameter
    /// given twice is refused.
    pub fn parse(raw: &str) -> Result<Self, Problem> {
        let mut values = BTreeMap::new();
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let k = decode(k).ok_or_else(|| {
                Problem::bad_parameter(k, "encodage incorrect dans l'adresse (%XX)")
            })?;
            let v = decode(v).ok_or_else(|| {
                Problem::bad_parameter(&k, "encodage incorrect dans l'adresse (%XX)")
            })?;
            if values.insert(k.clone(), v).is_some() {
                return Err(Problem::bad_parameter(&k, "donné deux fois"));
            }
        }
        Ok(Query { values })
    }

    /// Refuses any parameter not in `known`.
    pub fn only(&self, known: &[&str]) -> Result<(), Problem> {
        match self.values.keys().find(|k| !known.contains(&k.as_str())) {
            None => Ok(()),
            Some(k) => Err(Problem::bad_parameter(
                k,
                &if known.is_empty() {
                    "cette adresse ne prend aucun paramètre".to_string()
                } else {
                    format!(
                        "paramètre inconnu ; paramètres admis : {}",
                        known.join(", ")
                    )
                },
            )),
        }
    }

    /// The text of a parameter.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// A whole number from `min` to `max`.
    pub fn number<T: TryFrom<u64>>(
        &self,
        name: &str,
        min: u64,
        max: u64,
    ) -> Result<Option<T>, Problem> {
        let Some(text) = self.text(name) else {
            return Ok(None);
        };
        let bad = |m: String| Problem::bad_parameter(name, &m);
        if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(format!(
                "un nombre entier de {min} à {max} est attendu, écrit en chiffres"
            )));
        }
        text.parse::<u64>()
            .ok()
            .filter(|n| (min..=max).contains(n))
            .and_then(|n| T::try_from(n).ok())
            .map(Some)
            .ok_or_else(|| bad(format!("donnez un nombre entier de {min} à {max}")))
    }

    /// A yes-or-no parameter: `true`/`false`, `1`/`0`, `oui`/`non`; absent is false.
    pub fn flag(&self, name: &str) -> Result<bool, Problem> {
        match self.text(name) {
            None => Ok(false),
            Some("true" | "1" | "oui" | "") => Ok(true),
            Some("false" | "0" | "non") => Ok(false),
            Some(_) => Err(Problem::bad_parameter(
                name,
                "valeurs admises : true ou false",
            )),
        }
    }

    /// One word of a closed list: `words` gives each value's word.
    pub fn word<T: Copy>(
        &self,
        name: &str,
        values: &[T],
        word: impl Fn(T) -> &'static str,
    ) -> Result<Option<T>, Problem> {
        let Some(text) = self.text(name) else {
            return Ok(None);
        };
        values
            .iter()
            .copied()
            .find(|v| word(*v) == text)
            .map(Some)
            .ok_or_else(|| {
                let words: Vec<&str> = values.iter().map(|v| word(*v)).collect();
                Problem::bad_parameter(
                    name,
                    &format!("valeur inconnue ; valeurs admises : {}", words.join(", ")),
                )
            })
    }
}

/// Percent-decoding (`+` is a space); `None` when an escape is malformed or the result is not
/// UTF-8.
fn decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3)?;
                let hex = std::str::from_utf8(hex).ok()?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_decoded_and_checked() {
        let q = Query::parse("search=agent+d%27accueil&budget_days=40&x").unwrap();
        assert_eq!(q.text("search"), Some("agent d'accueil"));
        assert_eq!(q.number::<u32>("budget_days", 0, 100).unwrap(), Some(40));
        assert!(q.flag("x").unwrap());
        assert!(q.number::<u32>("budget_days", 0, 10).is_err());
        let e = q.only(&["search"]).unwrap_err();
        assert!(e.detail.contains("paramètre inconnu"), "{}", e.detail);
        assert!(Query::parse("a=1&a=2").is_err());
        assert!(Query::parse("a=%ZZ").is_err());
        assert!(Query::parse("a=%C3").is_err());
        let w = Query::parse("f=b").unwrap();
        assert_eq!(
            w.word("f", &[1, 2], |v| if v == 1 { "a" } else { "b" })
                .unwrap(),
            Some(2)
        );
        assert!(
            w.word("f", &[1], |_| "a")
                .unwrap_err()
                .detail
                .contains("valeurs admises : a")
        );
    }
}
