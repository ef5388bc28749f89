//! Values grouped by a small integer key, each group sorted: a counting sort on the key, then
//! small sorts. Used for each item's dependents in the scheduler, the year plans' cells by
//! year and the paths' items by population.

/// Values grouped by a key (the groups in key order), each group sorted: see [`bucket_sort`].
#[derive(Debug)]
pub(crate) struct Buckets<T> {
    /// Group `k` is `values[start[k]..start[k + 1]]`.
    start: Vec<usize>,
    values: Vec<T>,
}

impl<T> Buckets<T> {
    /// The values of key `k`, sorted.
    pub(crate) fn bucket(&self, k: usize) -> &[T] {
        &self.values[self.start[k]..self.start[k + 1]]
    }
}

/// Groups `(key, value)` pairs by key, every key below `keys`, and sorts each group: the same
/// order as sorting the pairs, for less (thousands of pairs fall into a few years or many
/// populations, and each group sorts on its own).
pub(crate) fn bucket_sort<T: Copy + Ord + Default>(
    keys: usize,
    pairs: impl Iterator<Item = (usize, T)>,
) -> Buckets<T> {
    let pairs: Vec<(usize, T)> = pairs.collect();
    let mut start = vec![0; keys + 1];
    for &(k, _) in &pairs {
        start[k + 1] += 1;
    }
    for k in 0..keys {
        start[k + 1] += start[k];
    }
    let mut next = start.clone();
    let mut values = vec![T::default(); pairs.len()];
    for (k, v) in pairs {
        values[next[k]] = v;
        next[k] += 1;
    }
    for k in 0..keys {
        values[start[k]..start[k + 1]].sort_unstable();
    }
    Buckets { start, values }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Grouping by key then sorting each group gives the order of sorting the pairs.
        #[test]
        fn bucket_sort_is_sorting_the_pairs(pairs in prop::collection::vec((0usize..7, any::<(u16, u8)>()), 0..200)) {
            let b = bucket_sort(7, pairs.iter().copied());
            let mut sorted = pairs.clone();
            sorted.sort_unstable();
            let grouped: Vec<(usize, (u16, u8))> = (0..7)
                .flat_map(|k| b.bucket(k).iter().map(move |&v| (k, v)))
                .collect();
            prop_assert_eq!(grouped, sorted);
        }
    }
}
