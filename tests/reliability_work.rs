//! Inputs that once made kabar quadratic, measured in bytes allocated rather than in seconds:
//! the work must grow with the input, not with its square. A counting allocator sees every
//! allocation of this test binary (the tests here run one at a time, under a lock).
//!
//! The figures for the full-size inputs (a 150,000-word paragraph, a 5 MB page of nested
//! `<div>`s) are in the benchmarks (`cargo bench --bench scale`) and the report of issue 15.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use kabar::article::Article;
use kabar::document::Document;
use kabar::glossary::Glossary;
use kabar::knowledge::Knowledge;
use kabar::layers::Layers;
use kabar::word_status::WordStatuses;

/// Counts the bytes allocated and the most held at once.
struct Counting;

static ALLOCATED: AtomicUsize = AtomicUsize::new(0);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.fetch_add(layout.size(), Ordering::Relaxed);
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the same layout goes to the system allocator, as GlobalAlloc requires.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// One measurement at a time: the counters are global.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Bytes allocated, and the peak held above what was held before, while `work` runs.
fn measure<T>(work: impl FnOnce() -> T) -> (T, usize, usize) {
    let before = ALLOCATED.load(Ordering::Relaxed);
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let out = work();
    let allocated = ALLOCATED.load(Ordering::Relaxed) - before;
    let peak = PEAK.load(Ordering::Relaxed).saturating_sub(base);
    (out, allocated, peak)
}

/// One paragraph of `words` words and not one full stop, over a small vocabulary so that
/// word pairs recur (the shape of the input that took 55 s and 20.8 GB).
pub fn endless_paragraph(words: usize) -> String {
    let mut state: u64 = 7;
    let mut text = String::with_capacity(words * 8);
    text.push_str("Awal");
    for _ in 1..words {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let n = (state >> 33) % 700;
        text.push_str(" kata");
        text.push_str(&(n % 26).to_string());
        text.push(char::from(b'a' + (n / 26) as u8 % 26));
    }
    text.push('\n');
    text
}

struct Lists {
    bytes: usize,
    phrases: usize,
    example_bytes: usize,
}

/// The words-to-learn and phrase lists of one endless paragraph; how much they allocated and
/// how long their examples are.
fn lists(words: usize) -> (Lists, usize, usize) {
    let article = Article::parse(&endless_paragraph(words), Path::new("endless.md")).unwrap();
    let layers = Layers::with_bundled_roots(Glossary::default());
    let document = Document::new(article, &layers);
    let statuses = WordStatuses::in_memory();
    let knowledge = Knowledge::new(
        &document,
        layers.glossary(),
        &statuses,
        layers.analyser().lexicon(),
    );
    let (lists, allocated, peak) = measure(|| {
        let phrases = kabar::vocab::phrase_candidates(&[&document], layers.glossary());
        let groups = kabar::vocab::unknown_words(&[(&document, &knowledge)]);
        let example_bytes = phrases.iter().map(|p| p.example.len()).sum::<usize>()
            + groups.iter().map(|g| g.example.len()).sum::<usize>();
        Lists {
            bytes: document.article().paragraphs[0].len(),
            phrases: phrases.len(),
            example_bytes,
        }
    });
    (lists, allocated, peak)
}

#[test]
fn phrase_and_word_lists_of_one_endless_paragraph_grow_linearly() {
    let _turn = ONE_AT_A_TIME.lock().unwrap();
    let (small, small_allocated, small_peak) = lists(10_000);
    let (large, large_allocated, large_peak) = lists(40_000);
    eprintln!(
        "10,000 words: {small_allocated} bytes allocated, peak {small_peak}; 40,000 words: \
         {large_allocated} bytes, peak {large_peak}; {} phrases, {} bytes of examples",
        large.phrases, large.example_bytes
    );
    assert!(
        large.phrases > small.phrases,
        "the input has recurring phrases"
    );
    // Four times the text: about four times the work. Quadratic would be sixteen.
    let growth = large_allocated as f64 / small_allocated as f64;
    assert!(
        growth < 6.0,
        "allocated {small_allocated} → {large_allocated} bytes (×{growth:.1})"
    );
    assert!(
        large_peak < 8 * large_allocated.max(1) && large_peak < 400 * large.bytes,
        "peak {large_peak} bytes for a {}-byte paragraph",
        large.bytes
    );
    assert!(small_peak > 0);
    // Each example is a capped sentence, not the whole paragraph.
    let per_example = large.example_bytes / large.phrases.max(1);
    assert!(per_example < 400, "{per_example} bytes per example");
    assert!(
        large.example_bytes < 4 * large.bytes,
        "{} bytes of examples for {} bytes of text",
        large.example_bytes,
        large.bytes
    );
}

#[test]
fn a_page_of_999000_nested_divs_is_refused_without_building_it() {
    let _turn = ONE_AT_A_TIME.lock().unwrap();
    let page = format!(
        "<html><head><title>Dalam</title></head><body>{}",
        "<div>".repeat(999_000)
    );
    let (result, allocated, peak) = measure(|| kabar::import::html::extract(&page, None, "p.html"));
    assert!(
        matches!(result, Err(kabar::import::ImportError::TooDeep { .. })),
        "{result:?}"
    );
    // The scan holds at most 513 open elements; parsing would have built 999,000 nodes.
    assert!(
        allocated < 64 * 1024,
        "{allocated} bytes allocated for a {}-byte page",
        page.len()
    );
    assert!(peak < 64 * 1024, "peak {peak}");
    // A flat page of the same size is measured in one pass too, and accepted by the scan.
    let flat = "<div><span>kata</span></div>".repeat(170_000);
    let (nesting, allocated, _) = measure(|| kabar::import::nesting::check(flat.as_bytes()));
    let nesting = nesting.unwrap();
    assert_eq!((nesting.depth, nesting.elements), (2, 340_000));
    assert!(allocated < 64 * 1024, "{allocated}");
}
