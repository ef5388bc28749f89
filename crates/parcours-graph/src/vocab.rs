//! Closed vocabularies of the study and the project: competency levels, horizons, categories,
//! audiences, modalities, filières and provenance. Each enum knows its French label.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A competency level (recommendation 39). Ordered: `Socle < Approfondissement < Expertise`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Level {
    /// Core level, expected of every agent who uses the competency.
    Socle,
    /// Advanced level, expected of agents whose job relies on the competency.
    Approfondissement,
    /// Expert level, expected of the specialists who lead or teach it.
    Expertise,
}

impl Level {
    /// All levels, lowest first.
    pub const ALL: [Level; 3] = [Level::Socle, Level::Approfondissement, Level::Expertise];

    /// French label as users read it.
    pub fn label(self) -> &'static str {
        match self {
            Level::Socle => "socle",
            Level::Approfondissement => "approfondissement",
            Level::Expertise => "expertise",
        }
    }

    /// Rank used in arithmetic: socle 1, approfondissement 2, expertise 3 (0 means "not acquired").
    pub fn rank(self) -> u8 {
        match self {
            Level::Socle => 1,
            Level::Approfondissement => 2,
            Level::Expertise => 3,
        }
    }

    /// The level just below, if any.
    pub fn below(self) -> Option<Level> {
        match self {
            Level::Socle => None,
            Level::Approfondissement => Some(Level::Socle),
            Level::Expertise => Some(Level::Approfondissement),
        }
    }

    /// Parses `socle`, `approfondissement` or `expertise` (case-insensitive).
    pub fn parse(text: &str) -> Option<Level> {
        match text.trim().to_lowercase().as_str() {
            "socle" => Some(Level::Socle),
            "approfondissement" => Some(Level::Approfondissement),
            "expertise" => Some(Level::Expertise),
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The two horizons of the recommendations.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Horizon {
    /// Short term, 0–5 years.
    Short,
    /// Long term, 5–10 years.
    Long,
}

impl Horizon {
    /// Both horizons, short first.
    pub const ALL: [Horizon; 2] = [Horizon::Short, Horizon::Long];
    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            Horizon::Short => "court terme (0-5 ans)",
            Horizon::Long => "long terme (5-10 ans)",
        }
    }
    /// Stable machine name used in JSON and on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Horizon::Short => "short",
            Horizon::Long => "long",
        }
    }
    /// What the command line's help says of it.
    pub fn help(self) -> &'static str {
        match self {
            Horizon::Short => "0 à 5 ans",
            Horizon::Long => "5 à 10 ans",
        }
    }
}

/// The study's three categories of métiers (recommendation 23).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Category {
    /// "Métiers sensibles": strongly changed, strong upskilling need (42 in the study).
    Sensitive,
    /// "Métiers à plus forts effectifs": the largest headcounts (20 in the study).
    HighHeadcount,
    /// "Métiers possiblement soumis à une baisse de leurs effectifs" (33 in the study).
    Shrinking,
}

impl Category {
    /// All categories in the study's order.
    pub const ALL: [Category; 3] = [
        Category::Sensitive,
        Category::HighHeadcount,
        Category::Shrinking,
    ];
    /// Stable machine name used in JSON (`sensitive`, `high_headcount`, `shrinking`).
    pub fn key(self) -> &'static str {
        match self {
            Category::Sensitive => "sensitive",
            Category::HighHeadcount => "high_headcount",
            Category::Shrinking => "shrinking",
        }
    }
    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            Category::Sensitive => "métier sensible",
            Category::HighHeadcount => "métier à fort effectif",
            Category::Shrinking => "métier à effectif possiblement en baisse",
        }
    }
    /// The word the command line takes (`high-headcount`).
    pub fn option_value(self) -> &'static str {
        match self {
            Category::Sensitive => "sensitive",
            Category::HighHeadcount => "high-headcount",
            Category::Shrinking => "shrinking",
        }
    }
    /// What the command line's help says of it.
    pub fn help(self) -> &'static str {
        match self {
            Category::Sensitive => "Métiers sensibles (42)",
            Category::HighHeadcount => "Métiers à plus forts effectifs (20)",
            Category::Shrinking => {
                "Métiers possiblement soumis à une baisse de leurs effectifs (33)"
            }
        }
    }
}

/// Who a recommendation or a module addresses.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Audience {
    /// Elected officials (élues et élus).
    ElectedOfficials,
    /// General management (directions générales).
    GeneralManagement,
    /// Managers at every level.
    Managers,
    /// Human-resources directions.
    HrDirections,
    /// IT directions (DSI).
    ItDirections,
    /// Support functions (finance, legal, procurement, communication…).
    SupportFunctions,
    /// Every agent.
    AllAgents,
    /// Digital mediators and advisers (médiateurs et conseillers numériques).
    DigitalMediators,
    /// The CNFPT itself and its networks (institutional recommendations).
    Cnfpt,
    /// Digital tutors: agents a collectivity chooses, among those at ease with their tools, to
    /// help their colleagues (recommendation 26). Not a métier: a profile plans them as a
    /// custom métier holding this role.
    DigitalTutors,
}

impl Audience {
    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            Audience::ElectedOfficials => "élues et élus",
            Audience::GeneralManagement => "directions générales",
            Audience::Managers => "encadrement",
            Audience::HrDirections => "directions des ressources humaines",
            Audience::ItDirections => "directions des systèmes d'information",
            Audience::SupportFunctions => "fonctions support",
            Audience::AllAgents => "tous les agents",
            Audience::DigitalMediators => "médiateurs numériques",
            Audience::Cnfpt => "CNFPT et ses réseaux",
            Audience::DigitalTutors => "tuteurs et tutrices numériques",
        }
    }
}

/// How a module is delivered.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Modality {
    /// In person (présentiel).
    InPerson,
    /// Remote, synchronous (distanciel).
    Remote,
    /// Self-training platform (autoformation).
    SelfTraining,
    /// Tutoring (tutorat).
    Tutoring,
    /// Blended (mixte).
    Blended,
}

impl Modality {
    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            Modality::InPerson => "présentiel",
            Modality::Remote => "distanciel",
            Modality::SelfTraining => "autoformation",
            Modality::Tutoring => "tutorat",
            Modality::Blended => "mixte",
        }
    }
}

/// How a training action is funded (*canal de financement*): see `docs/planning.md`, "Funding
/// channels".
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Channel {
    /// A CNFPT inter-collectivity session, paid by the CNFPT levy: no marginal cost.
    Inter,
    /// A tailor-made session for the collectivity's own agents (*intra*): a price per
    /// session-day, whatever the number of trainees.
    Intra,
    /// Another paying body: a price per trainee-day.
    PayingBody,
    /// Self-training on a platform (*autoformation*): the agents' time, an optional licence
    /// per agent.
    SelfTraining,
}

impl Channel {
    /// Every channel, in the order reports list them.
    pub const ALL: [Channel; 4] = [
        Channel::Inter,
        Channel::Intra,
        Channel::PayingBody,
        Channel::SelfTraining,
    ];

    /// French label, the word a plan writes.
    pub fn label(self) -> &'static str {
        match self {
            Channel::Inter => "inter-collectivités CNFPT",
            Channel::Intra => "intra",
            Channel::PayingBody => "organisme payant",
            Channel::SelfTraining => "autoformation",
        }
    }
}

/// The statutory streams (*filières*) of the territorial civil service.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum Filiere {
    /// Filière administrative.
    Administrative,
    /// Filière technique.
    Technique,
    /// Filière sociale.
    Sociale,
    /// Filière médico-sociale.
    MedicoSociale,
    /// Filière médico-technique.
    MedicoTechnique,
    /// Filière animation.
    Animation,
    /// Filière culturelle.
    Culturelle,
    /// Filière sportive.
    Sportive,
    /// Filière police municipale.
    PoliceMunicipale,
    /// Filière sapeurs-pompiers professionnels.
    SapeursPompiers,
}

impl Filiere {
    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            Filiere::Administrative => "administrative",
            Filiere::Technique => "technique",
            Filiere::Sociale => "sociale",
            Filiere::MedicoSociale => "médico-sociale",
            Filiere::MedicoTechnique => "médico-technique",
            Filiere::Animation => "animation",
            Filiere::Culturelle => "culturelle",
            Filiere::Sportive => "sportive",
            Filiere::PoliceMunicipale => "police municipale",
            Filiere::SapeursPompiers => "sapeurs-pompiers",
        }
    }
}

/// Where a record comes from. Every record that is not a transcription of the seed says so.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Provenance {
    /// Transcribed from the study's text (sections VI.3–VI.4).
    Seed,
    /// A public fact, with its source.
    Study {
        /// The public source (publication, article, register).
        source: String,
    },
    /// A reconstruction of something the study did not publish, from its published criteria.
    Reconstruction {
        /// One line saying how it was reconstructed.
        rationale: String,
    },
    /// The project's own judgment (a catalogue module, a mapping).
    Project {
        /// One line saying why.
        rationale: String,
    },
}

impl Provenance {
    /// Short French label of the kind of provenance.
    pub fn label(&self) -> &'static str {
        match self {
            Provenance::Seed => "texte de l'étude",
            Provenance::Study { .. } => "source publique",
            Provenance::Reconstruction { .. } => "reconstitution",
            Provenance::Project { .. } => "choix du projet",
        }
    }
    /// The source or rationale text, if any.
    pub fn detail(&self) -> Option<&str> {
        match self {
            Provenance::Seed => None,
            Provenance::Study { source } => Some(source),
            Provenance::Reconstruction { rationale } | Provenance::Project { rationale } => {
                Some(rationale)
            }
        }
    }
}

/// Whether a recommendation is met by training or by an institutional action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Nature {
    /// Met by training modules; it must have at least one module in the catalogue.
    Training,
    /// Met by an institutional action; on purpose it has no module.
    Institutional {
        /// What kind of institutional action.
        kind: InstitutionalKind,
    },
}

/// The kinds of institutional action a recommendation may call for.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
pub enum InstitutionalKind {
    /// A doctrine or a position of the CNFPT.
    Doctrine,
    /// A network to build and lead.
    Network,
    /// A partnership with other bodies.
    Partnership,
    /// Pooling between collectivities.
    Pooling,
    /// Promotion, communication, sharing of experience.
    Promotion,
    /// A framework, a tool or an observation to produce.
    Tooling,
}

impl InstitutionalKind {
    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            InstitutionalKind::Doctrine => "doctrine",
            InstitutionalKind::Network => "réseau",
            InstitutionalKind::Partnership => "partenariat",
            InstitutionalKind::Pooling => "mutualisation",
            InstitutionalKind::Promotion => "promotion et partage d'expériences",
            InstitutionalKind::Tooling => "référentiel, outillage ou observation",
        }
    }
}

/// The digital maturity of a collectivity: four stages, used to default its agents' current
/// levels when the profile does not give them (see `planning.ron`).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
pub enum Maturity {
    /// Digital tools are few and paper processes dominate.
    Initial,
    /// E-services and shared tools are being rolled out (the default).
    #[default]
    Developing,
    /// Most processes are digital; a digital strategy exists.
    Established,
    /// Data-driven management, a territorial digital project, trained referents.
    Advanced,
}

impl Maturity {
    /// All stages, lowest first.
    pub const ALL: [Maturity; 4] = [
        Maturity::Initial,
        Maturity::Developing,
        Maturity::Established,
        Maturity::Advanced,
    ];
    /// French label.
    pub fn label(self) -> &'static str {
        match self {
            Maturity::Initial => "initiale",
            Maturity::Developing => "en développement",
            Maturity::Established => "confirmée",
            Maturity::Advanced => "avancée",
        }
    }
    /// Stable machine name, the word the command line takes.
    pub fn key(self) -> &'static str {
        match self {
            Maturity::Initial => "initial",
            Maturity::Developing => "developing",
            Maturity::Established => "established",
            Maturity::Advanced => "advanced",
        }
    }
    /// What the command line's help says of it.
    pub fn help(self) -> &'static str {
        match self {
            Maturity::Initial => "Les procédures papier dominent",
            Maturity::Developing => "Téléservices en cours de déploiement",
            Maturity::Established => "Surtout numérique, une stratégie existe",
            Maturity::Advanced => "Pilotage par la donnée, un projet numérique de territoire",
        }
    }
}
