//! Prints the person mentions of a text file and whom they resolve to: a debugging aid for
//! lexicon and rule work. `cargo run --release -p parley-core --example debug_mentions -- FILE [YYYY-MM-DD]`
//! (`PARLEY_LEXICON` selects another lexicon directory).

use parley_core::{later_mentions, mentions, resolve, segment, Lexicon};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: debug_mentions FILE [YYYY-MM-DD]")?;
    let published = match args.next() {
        Some(d) => Some(d.parse()?),
        None => None,
    };
    let text = std::fs::read_to_string(&path)?;
    let lex = match std::env::var_os("PARLEY_LEXICON") {
        Some(dir) => Lexicon::from_dir(std::path::Path::new(&dir))?,
        None => Lexicon::builtin()?,
    };
    let sentences = segment::sentences(&text);
    let mut groups = 0usize;
    let mut ms = Vec::new();
    for (i, s) in sentences.iter().enumerate() {
        ms.extend(mentions::sentence_mentions(
            &lex,
            &text,
            i,
            s.start,
            s.end,
            &mut groups,
        ));
    }
    later_mentions::add_unknown_surnames(&text, &sentences, &mut ms);
    later_mentions::add_given_names_after_honorifics(&lex, &text, &sentences, &mut ms);
    resolve::drop_unbacked_guarded(&mut ms);
    let actors = resolve::resolve_mentions(
        &lex,
        &resolve::SpellingIndex::new(&lex),
        &text,
        &ms,
        published,
    );
    for (m, a) in ms.iter().zip(&actors) {
        println!(
            "s{} {:?} -> {:?} {:?}",
            m.sentence,
            text.get(m.start..m.end).unwrap_or(""),
            a,
            m.who
        );
    }
    Ok(())
}
