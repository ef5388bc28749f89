//! What a run may change: a budget or a horizon instead of the profile's (checked against the
//! same limits as the profile's own), and how much of the plan to build.
//!
//! A run's budget (`--budget-days`) replaces `budget.days_per_year`: the collectivity's whole
//! training budget. The statutory reserve and the digital share apply to it as to the
//! profile's own ([`crate::statutory`]); a budget below the reserve is refused
//! ([`OptionError::BelowStatutoryReserve`], from [`crate::check::CheckedProfile::with_options`]).

use crate::plan::Days;
use crate::profile::limits::{MAX_DAYS_PER_YEAR, MAX_HORIZON};

/// Options that override the profile for one run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// Trainee-days per year instead of the profile's: the whole training budget, out of which
    /// the statutory reserve comes first.
    pub budget_days: Option<u32>,
    /// Horizon in years instead of the profile's.
    pub horizon: Option<u16>,
}

/// How much of a plan to build.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Detail {
    /// Everything.
    #[default]
    Full,
    /// The schedule, unfunded needs and indicators, without paths and reconversions. (Batch
    /// runs need less still: [`crate::planner::Planner::totals`].)
    Schedule,
}

impl PlanOptions {
    /// Checks the options against the profile's limits ([`crate::profile::limits`]).
    pub fn check(&self) -> Result<(), OptionError> {
        if let Some(h) = self.horizon
            && (h == 0 || h > MAX_HORIZON)
        {
            return Err(OptionError::Horizon(h));
        }
        if let Some(b) = self.budget_days
            && b > MAX_DAYS_PER_YEAR
        {
            return Err(OptionError::BudgetDays(b));
        }
        Ok(())
    }
}

/// An option out of its limits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OptionError {
    /// A horizon of 0 years, or beyond [`MAX_HORIZON`].
    #[error("hors des limites (1 à {MAX_HORIZON} ans)")]
    Horizon(u16),
    /// A budget beyond [`MAX_DAYS_PER_YEAR`] trainee-days a year.
    #[error("ce budget n'est pas plausible (au plus {MAX_DAYS_PER_YEAR} jours-stagiaires par an)")]
    BudgetDays(u32),
    /// A budget below the profile's statutory reserve: the budget is the whole training
    /// budget, and statutory training comes out of it first.
    #[error(
        "un budget de formation de {} jours-stagiaires par an ne couvre pas la réserve des formations statutaires obligatoires du profil ({} jours par an)", parcours_graph::diagnostic::grouped_digits(u64::from(*.budget_days), '\u{a0}'), .reserve.french()
    )]
    BelowStatutoryReserve {
        /// The budget asked for, trainee-days a year.
        budget_days: u32,
        /// The profile's statutory reserve.
        reserve: Days,
    },
}
