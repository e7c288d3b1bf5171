//! "Did you mean": the known names close to a misspelled or partial one.
//!
//! Close means close for the input's length: a short input allows few edits, and a fragment
//! only counts when it is most of the part of the name it falls in. Otherwise a short word
//! finds something in any long list (`Nope` is in `Forbidden.NoPermission`, but nobody who
//! typed it meant that).

/// The candidate closest to `name`: one equal ignoring ASCII case, else the one with the
/// smallest edit distance, if that distance is at most a third of the name's length (and at
/// least 1 edit is allowed). `None` when nothing is close.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    closest_n(name, candidates, 1).into_iter().next()
}

/// Up to `n` candidates within edit distance of `name` (see [`closest`]), closest first (ties
/// in candidate order).
fn closest_n<'a>(
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

/// Up to `n` suggestions for a code that is not known: the codes within edit distance first
/// (`closest_n`), then the codes holding `name` as a fragment (`holds_fragment`), in
/// candidate order: `KeyNotFound` suggests `Forbidden.KeyNotFound`; `Nope` suggests nothing.
// For errcat-cli (`errcat explain` of an unknown code), not public API.
#[doc(hidden)]
pub fn suggestions<'a, I>(name: &str, candidates: I, n: usize) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
    I::IntoIter: Clone,
{
    let candidates = candidates.into_iter();
    let mut found = closest_n(name, candidates.clone(), n);
    for candidate in candidates.filter(|c| holds_fragment(c, name)) {
        if found.len() < n && !found.contains(&candidate) {
            found.push(candidate);
        }
    }
    found
}

/// Whether `fragment` appears in `candidate` (ignoring ASCII case) and makes up at least half
/// of the dot-separated segments it falls in: `NotFound` is most of `KeyNotFound`, and
/// `Forbidden.Key` most of `Forbidden.KeyNotFound`, but `Nope` is a third of `NoPermission`.
fn holds_fragment(candidate: &str, fragment: &str) -> bool {
    let (candidate, fragment) = (
        candidate.to_ascii_lowercase(),
        fragment.to_ascii_lowercase(),
    );
    if fragment.is_empty() {
        return false;
    }
    candidate.match_indices(&fragment).any(|(start, _)| {
        let end = start + fragment.len();
        let from = candidate[..start].rfind('.').map_or(0, |dot| dot + 1);
        let to = candidate[end..]
            .find('.')
            .map_or(candidate.len(), |dot| end + dot);
        fragment.len() * 2 >= to - from
    })
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

    const KMS: [&str; 6] = [
        "Forbidden.KeyNotFound",
        "Forbidden.AliasNotFound",
        "Forbidden.NoPermission",
        "InvalidAccessKeyId.NotFound",
        "Rejected.Disabled",
        "InternalFailure",
    ];

    #[test]
    fn a_fragment_counts_when_it_is_most_of_its_segments() {
        assert!(holds_fragment("Forbidden.KeyNotFound", "KeyNotFound"));
        assert!(holds_fragment("Forbidden.KeyNotFound", "notfound"));
        assert!(holds_fragment("Forbidden.KeyNotFound", "Forbidden.Key"));
        assert!(holds_fragment("Rejected.Disabled", "Disabled"));
        // Contained, but a small part of what it falls in.
        assert!(!holds_fragment("Forbidden.NoPermission", "Nope"));
        assert!(!holds_fragment("InvalidAccessKeyId.NotFound", "Key"));
        assert!(!holds_fragment("Forbidden.KeyNotFound", ""));
    }

    #[test]
    fn short_inputs_get_only_close_suggestions() {
        assert_eq!(suggestions("Nope", KMS, 3), Vec::<&str>::new());
        assert_eq!(suggestions("Key", KMS, 3), Vec::<&str>::new());
        assert_eq!(
            suggestions("KeyNotFound", KMS, 3),
            ["Forbidden.KeyNotFound"]
        );
        assert_eq!(
            suggestions("NotFound", KMS, 3),
            [
                "Forbidden.KeyNotFound",
                "Forbidden.AliasNotFound",
                "InvalidAccessKeyId.NotFound"
            ]
        );
        // Edit distance first, then fragments, never twice.
        assert_eq!(
            suggestions("Forbidden.KeyNotFond", KMS, 3),
            ["Forbidden.KeyNotFound", "Forbidden.AliasNotFound"]
        );
        assert_eq!(suggestions("internalfailure", KMS, 3), ["InternalFailure"]);
    }
}
