//! The model files compiled into the binary are the ones `scripts/insight/distill_m2v.py` wrote:
//! their sha256 sums match `data/m2v/SHA256SUMS`, and the licence and notice travel with them; the
//! same for the GloVe word vectors `scripts/insight/glove_words.py` wrote (`data/glove/`).

use sha2::{Digest, Sha256};

const SUMS: &str = include_str!("../data/m2v/SHA256SUMS");

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Each file's sha256 must be the one its folder's SHA256SUMS lists.
fn check(sums: &str, folder: &str, files: &[(&str, &[u8])]) {
    for (name, bytes) in files {
        let line = sums
            .lines()
            .find(|l| l.ends_with(&format!("  {name}")))
            .unwrap_or_else(|| panic!("{name} not in data/{folder}/SHA256SUMS"));
        assert_eq!(
            &line[..64],
            hex(bytes),
            "data/{folder}/{name} differs from SHA256SUMS: rerun the script or restore the file"
        );
    }
}

#[test]
fn embedded_files_match_their_checksums() {
    let files: [(&str, &[u8]); 4] = [
        ("vectors.bin", include_bytes!("../data/m2v/vectors.bin")),
        ("vocab.txt", include_bytes!("../data/m2v/vocab.txt")),
        ("LICENSE", include_bytes!("../data/m2v/LICENSE")),
        ("NOTICE", include_bytes!("../data/m2v/NOTICE")),
    ];
    check(SUMS, "m2v", &files);
    let notice = std::str::from_utf8(files[3].1).unwrap();
    assert!(notice.contains("all-MiniLM-L6-v2") && notice.contains("Apache"));
}

const WORD_SUMS: &str = include_str!("../data/glove/SHA256SUMS");

#[test]
fn embedded_word_vectors_match_their_checksums() {
    let files: [(&str, &[u8]); 4] = [
        ("vectors.bin", include_bytes!("../data/glove/vectors.bin")),
        ("words.txt", include_bytes!("../data/glove/words.txt")),
        ("LICENSE", include_bytes!("../data/glove/LICENSE")),
        ("NOTICE", include_bytes!("../data/glove/NOTICE")),
    ];
    check(WORD_SUMS, "glove", &files);
    let notice = std::str::from_utf8(files[3].1).unwrap();
    assert!(notice.contains("GloVe") && notice.contains("PDDL"));
    assert!(std::str::from_utf8(files[2].1).unwrap().contains("Public Domain Dedication and License"));
}
