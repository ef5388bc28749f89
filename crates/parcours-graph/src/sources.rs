//! The texts of the reference files: embedded at build time, replaceable one by one. The library
//! never reads files; the binary reads a `--data` directory and hands the texts over.

use std::collections::BTreeMap;

/// The kinds of reference files, one file each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileKind {
    /// `effects.ron`: the 5 desired effects and the footnotes.
    Effects,
    /// `recommendations.ron`: the 41 recommendations and the project's reading.
    Recommendations,
    /// `groups.ron`: the 7 métier groups of recommendation 23.
    Groups,
    /// `fields.ron`: the fields of local public action.
    Fields,
    /// `metiers.ron`: the job families.
    Metiers,
    /// `classification.ron`: the study's three categories of métiers.
    Classification,
    /// `competencies.ron`: levels, Pix mapping, domains, competencies.
    Competencies,
    /// `requirements.ron`: target levels per métier.
    Requirements,
    /// `catalogue.ron`: the training modules.
    Catalogue,
    /// `planning.ron`: the planner's parameters.
    Planning,
    /// `aliases.ron`: job titles of HR exports, matched to métiers.
    Aliases,
}

impl FileKind {
    /// Every kind, in loading order.
    pub const ALL: [FileKind; 11] = [
        FileKind::Effects,
        FileKind::Recommendations,
        FileKind::Groups,
        FileKind::Fields,
        FileKind::Metiers,
        FileKind::Classification,
        FileKind::Competencies,
        FileKind::Requirements,
        FileKind::Catalogue,
        FileKind::Planning,
        FileKind::Aliases,
    ];

    /// The file name in a data directory.
    pub fn file_name(self) -> &'static str {
        match self {
            FileKind::Effects => "effects.ron",
            FileKind::Recommendations => "recommendations.ron",
            FileKind::Groups => "groups.ron",
            FileKind::Fields => "fields.ron",
            FileKind::Metiers => "metiers.ron",
            FileKind::Classification => "classification.ron",
            FileKind::Competencies => "competencies.ron",
            FileKind::Requirements => "requirements.ron",
            FileKind::Catalogue => "catalogue.ron",
            FileKind::Planning => "planning.ron",
            FileKind::Aliases => "aliases.ron",
        }
    }

    fn embedded_text(self) -> &'static str {
        macro_rules! data {
            ($f:literal) => {
                include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $f))
            };
        }
        match self {
            FileKind::Effects => data!("effects.ron"),
            FileKind::Recommendations => data!("recommendations.ron"),
            FileKind::Groups => data!("groups.ron"),
            FileKind::Fields => data!("fields.ron"),
            FileKind::Metiers => data!("metiers.ron"),
            FileKind::Classification => data!("classification.ron"),
            FileKind::Competencies => data!("competencies.ron"),
            FileKind::Requirements => data!("requirements.ron"),
            FileKind::Catalogue => data!("catalogue.ron"),
            FileKind::Planning => data!("planning.ron"),
            FileKind::Aliases => data!("aliases.ron"),
        }
    }
}

/// Where a source text came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The copy embedded in the binary.
    Embedded,
    /// A file the caller supplied (its path as the user wrote it).
    File(String),
}

/// One reference file's text and the name used in diagnostics.
#[derive(Clone, Debug)]
pub struct Source {
    /// Name shown in diagnostics (`data/catalogue.ron`, or the user's path).
    pub name: String,
    /// Where it came from.
    pub origin: Origin,
    /// The text (a leading UTF-8 byte-order mark is removed).
    pub text: String,
}

/// The set of reference texts, one per [`FileKind`].
#[derive(Clone, Debug)]
pub struct Sources {
    files: BTreeMap<FileKind, Source>,
}

impl Sources {
    /// The reference data embedded at build time (the `data/` directory of the repository).
    ///
    /// ```
    /// use parcours_graph::sources::{FileKind, Sources};
    /// let sources = Sources::embedded();
    /// assert!(sources.get(FileKind::Recommendations).text.contains("number: 41"));
    /// ```
    pub fn embedded() -> Self {
        let files = FileKind::ALL
            .iter()
            .map(|&kind| {
                let source = Source {
                    name: format!("data/{}", kind.file_name()),
                    origin: Origin::Embedded,
                    text: kind.embedded_text().to_owned(),
                };
                (kind, source)
            })
            .collect();
        Sources { files }
    }

    /// Replaces one file with a text the caller read, named `name` in diagnostics.
    pub fn replace(&mut self, kind: FileKind, name: impl Into<String>, text: impl Into<String>) {
        let name = name.into();
        let mut text = text.into();
        if text.starts_with('\u{feff}') {
            text.drain(..'\u{feff}'.len_utf8());
        }
        self.files.insert(
            kind,
            Source {
                origin: Origin::File(name.clone()),
                name,
                text,
            },
        );
    }

    /// The source of one kind of file.
    pub fn get(&self, kind: FileKind) -> &Source {
        // Every kind is inserted by `embedded` and never removed.
        &self.files[&kind]
    }

    /// All sources in loading order.
    pub fn iter(&self) -> impl Iterator<Item = (FileKind, &Source)> {
        self.files.iter().map(|(k, s)| (*k, s))
    }
}
