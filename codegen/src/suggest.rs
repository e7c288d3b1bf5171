//! "Did you mean": the closest known name to a misspelled one.

/// The candidate closest to `name`: one equal ignoring ASCII case, else the one with the
/// smallest edit distance, if that distance is at most a third of the name's length (and at
/// least 1 edit is allowed). `None` when nothing is close.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_n(name, candidates, 1).into_iter().next()
}

/// Up to `n` candidates close to `name`, closest first (ties in candidate order).
pub fn closest_n<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let limit = (name.chars().count() / 3).max(1);
    let lower = name.to_ascii_lowercase();
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_ascii_lowercase()), c))
        .filter(|&(d, _)| d <= limit)
        .collect();
    scored.sort_by_key(|&(d, _)| d);
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// Levenshtein distance, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos_and_case_slips() {
        let codes = [
            "Forbidden.KeyNotFound",
            "Forbidden.AliasNotFound",
            "InternalFailure",
        ];
        assert_eq!(
            closest("Forbidden.KeyNotFond", codes),
            Some("Forbidden.KeyNotFound")
        );
        assert_eq!(
            closest("forbidden.keynotfound", codes),
            Some("Forbidden.KeyNotFound")
        );
        assert_eq!(closest("Throttling", codes), None);
        assert_eq!(
            closest("stauts", ["code", "status", "message"]),
            Some("status")
        );
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
