//! The cost–time front: the points no other point beats on both cost and time. Pure.

/// The order a front is drawn in, as a line from its cheapest point: by cost, then (points at
/// one cost) from the slowest down.
pub fn along(a: (f64, f64), b: (f64, f64)) -> std::cmp::Ordering {
    a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1))
}

/// For each point (cost, months), whether it is on the front: no other point is no dearer and
/// no slower and better in one. Unknown points (`None`) are never on it. Equal points are both
/// on it, since neither is better in one. Sorting makes it O(n log n) for large comparisons.
pub fn front(points: &[Option<(f64, f64)>]) -> Vec<bool> {
    let mut on = vec![false; points.len()];
    let mut known: Vec<(f64, f64, usize)> = points
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|(c, m)| (c, m, i)))
        .collect();
    // Points of the same cost and months are marked alike, so the unstable sort (which
    // allocates nothing) marks the same points as a stable one.
    known.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // The fewest months among points strictly cheaper than the current cost.
    let mut best_cheaper = f64::INFINITY;
    let mut start = 0;
    while start < known.len() {
        let cost = known[start].0;
        let end = start + known[start..].iter().take_while(|p| p.0 == cost).count();
        let fewest = known[start].1;
        // Within one cost, only the quickest can be on the front, and only when every cheaper
        // point is slower.
        if fewest < best_cheaper {
            for p in known[start..end].iter().take_while(|p| p.1 == fewest) {
                on[p.2] = true;
            }
        }
        best_cheaper = best_cheaper.min(fewest);
        start = end;
    }
    on
}

#[cfg(test)]
mod tests {
    use super::front;

    /// The front by its definition, pair by pair, to check the sweep against.
    fn by_definition(points: &[Option<(f64, f64)>]) -> Vec<bool> {
        points
            .iter()
            .map(|p| {
                let Some((c, m)) = p else { return false };
                !points
                    .iter()
                    .flatten()
                    .any(|&(oc, om)| oc <= *c && om <= *m && (oc < *c || om < *m))
            })
            .collect()
    }

    #[test]
    fn the_front_holds_what_nothing_beats_on_both() {
        let points = [
            Some((100.0, 12.0)),
            Some((200.0, 6.0)),
            Some((150.0, 12.0)),
            None,
            Some((100.0, 12.0)),
            Some((100.0, 15.0)),
            Some((400.0, 6.0)),
            Some((50.0, 30.0)),
        ];
        assert_eq!(
            front(&points),
            [true, true, false, false, true, false, false, true]
        );
    }

    proptest::proptest! {
        #[test]
        fn the_sweep_agrees_with_the_definition(
            points in proptest::collection::vec(proptest::option::weighted(0.9, (0u8..8, 0u8..8)), 0..40)
        ) {
            let points: Vec<Option<(f64, f64)>> =
                points.iter().map(|p| p.map(|(c, m)| (f64::from(c), f64::from(m)))).collect();
            proptest::prop_assert_eq!(front(&points), by_definition(&points));
        }
    }
}
