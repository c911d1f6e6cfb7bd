//! Root accuracy on our gold list (tests/data/stem_gold.tsv: word, root, tag), with the
//! lexicons kabar ships: the bundled root list and the bundled glossary. The system hunspell
//! dictionary is left out so the figure does not depend on the machine.
//!
//! `cargo test --test stem_gold -- --nocapture` prints the figures and every miss.

use kabar::layers::Layers;
use kabar::library::bundled_glossary;

#[path = "support/gold.rs"]
mod support_gold;

use support_gold::gold;

#[test]
fn roots_beat_the_targets_on_the_gold_list() {
    let gold = gold();
    assert!(gold.len() >= 1500, "the gold list has {} pairs", gold.len());
    let layers = Layers::with_bundled_roots(bundled_glossary());
    let analyser = layers.analyser();
    let (mut right, mut affixed, mut affixed_right) = (0, 0, 0);
    let mut misses = Vec::new();
    for g in &gold {
        let found = analyser.root(&g.word).unwrap_or_else(|| g.word.clone());
        let ok = found == g.root;
        right += usize::from(ok);
        if g.tag != "plain" {
            affixed += 1;
            affixed_right += usize::from(ok);
        }
        if !ok {
            misses.push(format!("{}\t{}\tgot {found}\t({})", g.word, g.root, g.tag));
        }
    }
    let all = right as f64 / gold.len() as f64 * 100.0;
    let affixed_share = affixed_right as f64 / affixed.max(1) as f64 * 100.0;
    eprintln!("misses:\n{}", misses.join("\n"));
    eprintln!(
        "exact roots: {all:.1}% of {} words; {affixed_share:.1}% of {affixed} affixed words",
        gold.len()
    );
    assert!(all >= 93.0, "{all:.1}% exact roots, target 93%");
    assert!(
        affixed_share >= 92.0,
        "{affixed_share:.1}% on affixed words, target 92%"
    );
}
