//! Turning plain text into paragraphs. Blank lines always separate paragraphs; beyond that,
//! text hard-wrapped at a fixed width (press releases at ~72–80 columns) is joined back into
//! paragraphs, while text that is not wrapped (one paragraph per line, as scraped news often
//! is) keeps each line as a paragraph. Without blank lines a paragraph whose last line happens
//! to be nearly full cannot be told from a wrapped line, and is joined with the next one.
//! Knows nothing of the terminal.

/// Splits normalised text (`\n` line ends) into paragraphs, each on one line with runs of
/// spaces collapsed. Never returns an empty paragraph.
pub fn paragraphs(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    let width = wrap_width(&lines);
    let has_blank_separator = lines
        .iter()
        .skip_while(|l| l.trim().is_empty())
        .any(|l| l.trim().is_empty());
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.trim().is_empty() {
            flush(&mut current, &mut out);
            continue;
        }
        if starts_block(line) {
            flush(&mut current, &mut out);
        }
        current.push(line.trim());
        let next = lines.get(i + 1).copied().unwrap_or("");
        let ends_here = match width {
            Some(width) => !next.trim().is_empty() && !is_wrapped(line, next, width),
            // Not wrapped: lines only join inside blank-line-separated blocks.
            None => !has_blank_separator,
        };
        if ends_here {
            flush(&mut current, &mut out);
        }
    }
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut Vec<&str>, out: &mut Vec<String>) {
    let joined = current
        .iter()
        .flat_map(|l| l.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    current.clear();
    if !joined.is_empty() {
        out.push(joined);
    }
}

/// A list item or an indented line starts a new paragraph even inside a wrapped block.
fn starts_block(line: &str) -> bool {
    let trimmed = line.trim_start();
    line.len() - trimmed.len() >= 2
        || trimmed.starts_with("- ")
        || trimmed.starts_with("* ")
        || trimmed.starts_with("• ")
}

/// The text's wrap width, if it looks hard-wrapped: every line fits in a width of at most 100
/// columns, and of at least three pairs of adjacent lines, most end where the next line's
/// first word would not have fit.
fn wrap_width(lines: &[&str]) -> Option<usize> {
    let width = lines.iter().map(|l| l.chars().count()).max()?;
    if !(30..=100).contains(&width) {
        return None;
    }
    let pairs: Vec<(&str, &str)> = lines
        .windows(2)
        .map(|w| (w[0], w[1]))
        .filter(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty())
        .collect();
    if pairs.len() < 3 {
        return None;
    }
    let wrapped = pairs
        .iter()
        .filter(|(a, b)| is_wrapped(a, b, width))
        .count();
    (wrapped * 2 >= pairs.len()).then_some(width)
}

/// True when `line` ends only because `next`'s first word would not fit within `width`: the
/// paragraph goes on. A line that had room for that word ended its paragraph.
fn is_wrapped(line: &str, next: &str, width: usize) -> bool {
    if starts_block(next) {
        return false;
    }
    let first_word = next.split_whitespace().next().unwrap_or("");
    line.chars().count() + 1 + first_word.chars().count() > width
}

#[cfg(test)]
mod tests {
    use super::*;

    const RELEASE: &str = "\
JAKARTA - Kementerian Perdagangan hari ini mengumumkan bahwa nilai ekspor
nonmigas Indonesia pada bulan Maret meningkat tajam dibandingkan dengan
bulan sebelumnya.
Menteri Perdagangan menyampaikan bahwa kenaikan ini didorong oleh permintaan
yang kuat dari negara mitra dagang di Asia Timur.
Kinerja ini diharapkan berlanjut.
";

    #[test]
    fn hard_wrapped_text_reflows_into_paragraphs() {
        let p = paragraphs(RELEASE);
        assert_eq!(p.len(), 3, "{p:#?}");
        assert!(p[0].ends_with("dibandingkan dengan bulan sebelumnya."));
        assert!(p[1].starts_with("Menteri") && p[1].ends_with("Asia Timur."));
        assert_eq!(p[2], "Kinerja ini diharapkan berlanjut.");
    }

    #[test]
    fn one_paragraph_per_line_and_blank_lines() {
        assert_eq!(
            paragraphs("Baris satu yang cukup panjang sekali.\nDua.\nTiga.\n"),
            ["Baris satu yang cukup panjang sekali.", "Dua.", "Tiga."]
        );
        assert_eq!(paragraphs("a\nb\n\n\nc  d\n"), ["a b", "c d"]);
        assert_eq!(paragraphs("- satu\n- dua\n"), ["- satu", "- dua"]);
        assert!(paragraphs("\n \n").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn reflow_keeps_every_word_in_order(text in "[a-z]{1,12}([ \n]{1,3}[a-z]{1,12}){0,60}") {
            let p = paragraphs(&text);
            let words: Vec<&str> = text.split_whitespace().collect();
            let joined = p.join(" ");
            let out: Vec<&str> = joined.split_whitespace().collect();
            proptest::prop_assert_eq!(out, words);
            proptest::prop_assert!(p.iter().all(|p| !p.is_empty() && !p.contains('\n')));
            // Paragraphs written out with blank lines read back the same.
            proptest::prop_assert_eq!(paragraphs(&p.join("\n\n")), p);
        }
    }
}
