//! The priority score of an item: a sum of integer components, scaled by the profile's effect
//! weight (percent). Integers only, so results are exact and reproducible.
//!
//! | component | value |
//! |---|---|
//! | base | `weights.base` |
//! | priority | `weights.priority` when a ➔ recommendation justifies it |
//! | short term | `weights.short_term` when due at 5 years |
//! | sensitive / high headcount / shrinking | the category weights of the population |
//! | agents | `weights.per_sqrt_agent × ⌊√agents⌋` |
//! | missing levels | `weights.per_missing_level × levels still missing to the 10-year target` |
//!
//! total = ⌊subtotal × effect percent / 100⌋, the effect percent being the highest weight among
//! the effects of the justifying recommendations (100 when the profile sets none).

use crate::needs::ItemInfo;
use crate::population::CategoryMask;
use parcours_graph::model::ScoreWeights;
use parcours_graph::vocab::Category;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The components of a score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[non_exhaustive]
pub struct ScoreBreakdown {
    /// Base.
    pub base: u64,
    /// Priority recommendation.
    pub priority: u64,
    /// Short-term need.
    pub short_term: u64,
    /// Sensitive métier.
    pub sensitive: u64,
    /// High-headcount métier.
    pub high_headcount: u64,
    /// Shrinking métier.
    pub shrinking: u64,
    /// Number of agents.
    pub agents: u64,
    /// Size of the gap.
    pub missing_levels: u64,
    /// Sum of the above.
    pub subtotal: u64,
    /// Effect weight, percent.
    pub effect_percent: u64,
    /// The score.
    pub total: u64,
}

/// Integer square root.
pub fn isqrt(n: u64) -> u64 {
    if n < 2 {
        return n;
    }
    let mut x = (n as f64).sqrt() as u64;
    while x * x > n {
        x -= 1;
    }
    while (x + 1) * (x + 1) <= n {
        x += 1;
    }
    x
}

/// Scores an item.
pub fn score(
    w: &ScoreWeights,
    it: &ItemInfo,
    categories: &BTreeSet<Category>,
    priority: bool,
    effect_percent: u64,
) -> ScoreBreakdown {
    score_with(
        w,
        it,
        CategoryMask::of(categories),
        priority,
        effect_percent,
    )
}

/// [`score`], the population's categories read once for all its items.
pub(crate) fn score_with(
    w: &ScoreWeights,
    it: &ItemInfo,
    categories: CategoryMask,
    priority: bool,
    effect_percent: u64,
) -> ScoreBreakdown {
    let cat = |c: Category, v: u32| {
        if categories.contains(c) {
            u64::from(v)
        } else {
            0
        }
    };
    let mut s = ScoreBreakdown {
        base: u64::from(w.base),
        priority: if priority { u64::from(w.priority) } else { 0 },
        short_term: if it.short_term {
            u64::from(w.short_term)
        } else {
            0
        },
        sensitive: cat(Category::Sensitive, w.sensitive),
        high_headcount: cat(Category::HighHeadcount, w.high_headcount),
        shrinking: cat(Category::Shrinking, w.shrinking),
        agents: u64::from(w.per_sqrt_agent) * isqrt(it.agents),
        missing_levels: u64::from(w.per_missing_level) * it.missing_levels,
        subtotal: 0,
        effect_percent,
        total: 0,
    };
    s.subtotal = s.base
        + s.priority
        + s.short_term
        + s.sensitive
        + s.high_headcount
        + s.shrinking
        + s.agents
        + s.missing_levels;
    s.total = s.subtotal * effect_percent / 100;
    s
}

#[cfg(test)]
mod tests {
    use super::isqrt;

    #[test]
    fn integer_square_root() {
        for n in 0..10_000u64 {
            let r = isqrt(n);
            assert!(r * r <= n && (r + 1) * (r + 1) > n, "{n}");
        }
    }
}
