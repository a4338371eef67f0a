//! The model files compiled into the binary are the ones `scripts/insight/distill_m2v.py` wrote:
//! their sha256 sums match `data/m2v/SHA256SUMS`, and the licence and notice travel with them; the
//! same for the GloVe word vectors `scripts/insight/glove_words.py` wrote (`data/glove/`).

use sha2::{Digest, Sha256};

const SUMS: &str = include_str!("../data/m2v/SHA256SUMS");

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn embedded_files_match_their_checksums() {
    let files: [(&str, &[u8]); 4] = [
        ("vectors.bin", include_bytes!("../data/m2v/vectors.bin")),
        ("vocab.txt", include_bytes!("../data/m2v/vocab.txt")),
        ("LICENSE", include_bytes!("../data/m2v/LICENSE")),
        ("NOTICE", include_bytes!("../data/m2v/NOTICE")),
    ];
    for (name, bytes) in files {
        let line = SUMS
            .lines()
            .find(|l| l.ends_with(&format!("  {name}")))
            .unwrap_or_else(|| panic!("{name} not in SHA256SUMS"));
        assert_eq!(&line[..64], hex(bytes), "{name} differs from SHA256SUMS: rerun the script or restore the file");
    }
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
    for (name, bytes) in files {
        let line = WORD_SUMS
            .lines()
            .find(|l| l.ends_with(&format!("  {name}")))
            .unwrap_or_else(|| panic!("{name} not in data/glove/SHA256SUMS"));
        assert_eq!(&line[..64], hex(bytes), "{name} differs from SHA256SUMS: rerun glove_words.py or restore the file");
    }
    let notice = std::str::from_utf8(files[3].1).unwrap();
    assert!(notice.contains("GloVe") && notice.contains("PDDL"));
    assert!(std::str::from_utf8(files[2].1).unwrap().contains("Public Domain Dedication and License"));
}
