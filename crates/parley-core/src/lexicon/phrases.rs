//! Multi-pattern phrase matching: one Aho-Corasick automaton per lexicon layer.
//!
//! Each layer (entities, triggers, cues, topics) is its own automaton so that a phrase in one
//! layer never hides a phrase of another ("to meet" is a planned cue *and* holds the trigger
//! "meet"). Within a layer, matching is leftmost-longest, case-insensitive for ASCII; a phrase
//! written with capitals in the lexicon ("Putin") must start with a capital in the text, and an
//! all-capitals phrase ("US") must match exactly, so "us" and "nice" never become actors or places.

use std::sync::Arc;

/// The next [`PhraseSet`] id.
static NEXT_SET_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Spans shorter than this (single words checked by the mention rules) are not remembered:
/// they are cheap to search and rarely searched twice.
const MEMO_MIN_BYTES: usize = 16;

/// A match as the scanner reports it: `(start, end, phrase id)`, offsets into the text.
type RawHit = (usize, usize, usize);

/// Per-thread memory of recent [`PhraseSet::find`] results.
///
/// The pipeline stages are separate (mentions, frames, attributions each take a sentence's
/// range), and several search the same sentence in the same layer; remembering the hits gives
/// one automaton pass per layer and sentence without changing what the stages exchange. Sets
/// searched together (see [`search_together`]) fill the slots of all of them from one pass.
mod memo {
    use std::cell::RefCell;

    use super::RawHit;

    /// Slots per thread. A document's sentences times the remembered layers fit many times
    /// over; two searches that land in the same slot only cost a repeated search.
    const SLOTS: usize = 1024;

    /// A remembered search of a group of sets (see [`search_together`]; a set searched alone
    /// is a group of one): everything the results depend on, and each set's result. The
    /// sentence is kept once for the group (it was copied, and compared on reuse, once per
    /// set). The buffers are reused when the slot is overwritten, so remembering allocates
    /// nothing once warm.
    ///
    /// [`search_together`]: super::search_together
    #[derive(Default)]
    struct Slot {
        used: bool,
        /// The group's set keys, in order.
        sets: Vec<u64>,
        from: usize,
        to: usize,
        /// `text[from..to]`.
        hay: String,
        /// The characters just before `from` and just after `to` (word boundaries).
        before: Option<char>,
        after: Option<char>,
        /// The hits of each set of `sets`, in the same order.
        hits: Vec<Vec<RawHit>>,
    }

    /// The slots, and one hit buffer per set of the group being searched (reused).
    #[derive(Default)]
    struct Memo {
        slots: Vec<Slot>,
        scratch: Vec<Vec<RawHit>>,
    }

    thread_local! {
        static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
    }

    /// The slot of a search of `from..to` by the group whose first set key is `set`. A cheap
    /// mix of the key; the slot is then compared in full.
    fn slot_index(set: u64, from: usize, to: usize) -> usize {
        let h = (set.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ (from as u64).wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ (to as u64))
            .wrapping_mul(0x1656_67B1_9E37_79F9);
        (h >> 32) as usize % SLOTS
    }

    /// `map` of the hits of set `sets[which]` in `text[from..to]`, remembered or computed.
    /// `search` fills one buffer per set of `sets` (the sets searched together, in order) over
    /// the same span; all of them are remembered, in one slot.
    pub(super) fn find<R>(
        sets: &[u64],
        which: usize,
        text: &str,
        from: usize,
        to: usize,
        search: impl FnOnce(&mut [Vec<RawHit>]),
        map: impl FnOnce(&[RawHit]) -> R,
    ) -> R {
        let hay = text.get(from..to).unwrap_or_default();
        let before = text.get(..from).and_then(|t| t.chars().next_back());
        let after = text.get(to..).and_then(|t| t.chars().next());
        let key = sets.first().copied().unwrap_or(0);
        MEMO.with(|m| {
            let Ok(mut memo) = m.try_borrow_mut() else {
                // Re-entered (cannot happen: searches do not search): do not remember.
                let mut bufs = vec![Vec::new(); sets.len()];
                search(&mut bufs);
                return map(bufs.get(which).map_or(&[][..], Vec::as_slice));
            };
            let memo = &mut *memo;
            if memo.slots.len() < SLOTS {
                memo.slots.resize_with(SLOTS, Slot::default);
            }
            let index = slot_index(key, from, to);
            if let Some(slot) = memo.slots.get(index) {
                if slot.used
                    && slot.from == from
                    && slot.to == to
                    && slot.before == before
                    && slot.after == after
                    && slot.sets == sets
                    && slot.hay == hay
                {
                    return map(slot.hits.get(which).map_or(&[][..], Vec::as_slice));
                }
            }
            if memo.scratch.len() < sets.len() {
                memo.scratch.resize_with(sets.len(), Vec::new);
            }
            let bufs = memo.scratch.get_mut(..sets.len()).unwrap_or_default();
            for b in bufs.iter_mut() {
                b.clear();
            }
            search(bufs);
            if let Some(slot) = memo.slots.get_mut(index) {
                slot.used = true;
                slot.sets.clear();
                slot.sets.extend_from_slice(sets);
                slot.from = from;
                slot.to = to;
                slot.before = before;
                slot.after = after;
                slot.hay.clear();
                slot.hay.push_str(hay);
                if slot.hits.len() < bufs.len() {
                    slot.hits.resize_with(bufs.len(), Vec::new);
                }
                for (kept, hits) in slot.hits.iter_mut().zip(bufs.iter()) {
                    kept.clear();
                    kept.extend_from_slice(hits);
                }
            }
            map(bufs.get(which).map_or(&[][..], Vec::as_slice))
        })
    }
}

/// Marks "no node" in [`Trie`] tables and "no phrase" at a node.
const NONE: u32 = u32::MAX;

/// ASCII upper-case letters mapped to lower case, every other byte to itself: the folding
/// of [`u8::to_ascii_lowercase`] as one table lookup.
static FOLD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).to_ascii_lowercase();
        i += 1;
    }
    t
};

/// One slot of the [`Trie`]'s double array.
#[derive(Debug, Clone, Copy)]
struct Cell {
    /// The node in this slot has its child over byte `b` in slot `base + b`.
    base: u32,
    /// The slot of this slot's parent ([`NONE`] for a free slot), which tells a child of
    /// node `n` from a slot that another node's children took.
    check: u32,
    /// The phrase ending at this node (the first added among phrases equal up to ASCII
    /// case), or [`NONE`].
    phrase: u32,
}

/// The phrases of a set as a byte trie, ASCII letters folded to lower case, for anchored
/// leftmost-longest matching.
///
/// This is what an anchored leftmost-longest Aho-Corasick search (ASCII case-insensitive) does
/// at one position, and gives the same match: the longest phrase starting there and, among
/// phrases equal up to ASCII case, the one added first. Without failure links or the general
/// search API, a walk that fails after a byte or two (most word starts) costs a few table
/// lookups instead of a library call; the Aho-Corasick calls were the largest part of
/// [`PhraseSet::find`].
///
/// The trie is stored as a double array: the child of the node in slot `n` over byte `b` is
/// slot `cells[n].base + b` if that slot's `check` is `n`. A step is an addition and one
/// load, where a search among a node's sorted edges took several loads and a loop; walking
/// the tries was most of the phrase search.
#[derive(Debug, Clone)]
struct Trie {
    /// Slot 0 is the root.
    cells: Vec<Cell>,
}

impl Trie {
    fn new(patterns: &[String]) -> Trie {
        // Node 0 is the root; edges are collected per node, then laid out in the double array.
        let mut edges: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut phrase: Vec<u32> = vec![NONE];
        for (id, p) in patterns.iter().enumerate() {
            let mut node = 0usize;
            for &b in p.as_bytes() {
                let b = b.to_ascii_lowercase();
                let found = edges
                    .get(node)
                    .and_then(|e| e.iter().find(|(l, _)| *l == b).map(|(_, t)| *t));
                node = match found {
                    Some(t) => t as usize,
                    None => {
                        let t = edges.len();
                        edges.push(Vec::new());
                        phrase.push(NONE);
                        if let Some(e) = edges.get_mut(node) {
                            e.push((b, t as u32));
                        }
                        t
                    }
                };
            }
            if let Some(slot) = phrase.get_mut(node) {
                if *slot == NONE {
                    *slot = id as u32;
                }
            }
        }
        let free = Cell {
            base: 0,
            check: NONE,
            phrase: NONE,
        };
        let mut cells = vec![free; 1];
        // The root's check is itself (any value but NONE marks the slot taken).
        if let Some(root) = cells.first_mut() {
            root.check = 0;
            root.phrase = phrase.first().copied().unwrap_or(NONE);
        }
        // Nodes in breadth-first order, each with its slot; children are placed at the lowest
        // base whose slots are all free. `first_free` only moves forward past taken slots.
        let mut queue = std::collections::VecDeque::from([(0usize, 0usize)]);
        let mut first_free = 1usize;
        while let Some((node, slot)) = queue.pop_front() {
            let Some(children) = edges.get_mut(node) else {
                continue;
            };
            if children.is_empty() {
                continue;
            }
            children.sort_unstable_by_key(|(l, _)| *l);
            let min_label = children.first().map_or(0, |(l, _)| usize::from(*l));
            let taken = |cells: &Vec<Cell>, i: usize| cells.get(i).is_some_and(|c| c.check != NONE);
            // The lowest free slot at or after `first_free` that, as the slot of the smallest
            // label, leaves every child a free slot.
            let mut f = first_free;
            let base = loop {
                if !taken(&cells, f) && f > min_label {
                    let base = f - min_label;
                    if !children
                        .iter()
                        .any(|(l, _)| taken(&cells, base + usize::from(*l)))
                    {
                        break base;
                    }
                }
                f += 1;
            };
            // Slots long passed over stay free for good: a later search starts at most this
            // far back, so building stays linear in the number of nodes.
            const LOOK_BACK: usize = 64;
            first_free = first_free.max(f.saturating_sub(LOOK_BACK));
            while taken(&cells, first_free) {
                first_free += 1;
            }
            if let Some(c) = cells.get_mut(slot) {
                c.base = base as u32;
            }
            for &(l, child) in children.iter() {
                let at = base + usize::from(l);
                if cells.len() <= at {
                    cells.resize(at + 1, free);
                }
                if let Some(c) = cells.get_mut(at) {
                    c.check = slot as u32;
                    c.phrase = phrase.get(child as usize).copied().unwrap_or(NONE);
                }
                queue.push_back((child as usize, at));
            }
        }
        Trie { cells }
    }

    /// The longest phrase matching `bytes` from `pos` (not beyond the end of `bytes`): its end
    /// offset and id.
    #[inline]
    fn longest_at(&self, bytes: &[u8], pos: usize) -> Option<(usize, usize)> {
        let mut best = None;
        let mut node = 0u32;
        let mut i = pos;
        while let Some(&b) = bytes.get(i) {
            let Some(base) = self.cells.get(node as usize).map(|c| c.base) else {
                break;
            };
            let t = base.wrapping_add(u32::from(FOLD[usize::from(b)]));
            match self.cells.get(t as usize) {
                Some(c) if c.check == node && t != 0 => {
                    node = t;
                    i += 1;
                    if c.phrase != NONE {
                        best = Some((i, c.phrase as usize));
                    }
                }
                _ => break,
            }
        }
        best
    }
}

/// How a phrase's case must match the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CaseRule {
    /// Any case.
    Any,
    /// First letter upper case in the text.
    Capitalised,
    /// Exactly as written.
    Exact,
}

/// A match of a phrase in the text, with every sense the phrase has in this layer.
#[derive(Debug, Clone)]
pub struct Hit<'a, S> {
    /// Byte offset of the match start.
    pub start: usize,
    /// Byte offset one past the match end.
    pub end: usize,
    /// The senses of the matched phrase.
    pub senses: &'a [S],
}

/// What searching a set needs, without the senses: the part of a set that a search of
/// several sets at once (see [`search_together`]) walks.
#[derive(Debug)]
struct Matcher {
    trie: Trie,
    /// Bit `b0 * 256 + b1` is set when some phrase starts with the bytes `b0 b1` (ASCII letters
    /// folded to lower case; a one-byte phrase sets every `b1`). Positions whose first two
    /// bytes start no phrase are skipped without calling the automaton.
    pairs: Vec<u64>,
    /// The same for the phrases a match can be accepted of when the text starts with an ASCII
    /// lower-case letter: phrases of [`CaseRule::Any`], and phrases not starting with an ASCII
    /// letter. A capitalised or all-capitals phrase starting with a letter is always rejected
    /// there (its first letter must be upper case in the text), so a lower-case word that
    /// starts none of the others needs no walk: most words of news text for the entity layer,
    /// whose names and places are capitalised.
    pairs_lower: Vec<u64>,
    patterns: Vec<String>,
    rules: Vec<CaseRule>,
}

/// One set of a group searched together: its memo key and its matcher.
#[derive(Debug, Clone)]
struct Member {
    id: u64,
    matcher: Arc<Matcher>,
}

/// A compiled set of phrases, each with one or more senses.
#[derive(Debug)]
pub struct PhraseSet<S> {
    /// Distinct for every set built in this process: the key of its entries in [`memo`].
    id: u64,
    /// Whether [`PhraseSet::find`] keeps its results in [`memo`] (see [`PhraseSetBuilder::memoize`]).
    memo: bool,
    matcher: Arc<Matcher>,
    /// The sets searched in the same pass as this one, this one included (at `which`); just
    /// this one unless [`search_together`] grouped it with others.
    group: Vec<Member>,
    /// The memo keys of `group`, in its order.
    group_ids: Vec<u64>,
    /// The pair tables of `group` in one (see [`group_masks`]), for a group of several sets.
    group_masks: Option<Arc<Vec<u8>>>,
    which: usize,
    senses: Vec<Vec<S>>,
}

/// Something [`search_together`] can group: a [`PhraseSet`] of any sense type.
pub trait Groupable {
    /// This set's memo key and matcher.
    #[doc(hidden)]
    fn member(&self) -> GroupMember;
    /// Makes `group` (holding this set at `which`, its pair tables combined in `masks`) the sets
    /// searched with this one.
    #[doc(hidden)]
    fn join(&mut self, group: Vec<GroupMember>, masks: Option<Arc<Vec<u8>>>, which: usize);
}

/// A set as [`Groupable`] hands it over (opaque).
#[derive(Debug, Clone)]
pub struct GroupMember(Member);

impl<S> Groupable for PhraseSet<S> {
    fn member(&self) -> GroupMember {
        GroupMember(Member {
            id: self.id,
            matcher: Arc::clone(&self.matcher),
        })
    }

    fn join(&mut self, group: Vec<GroupMember>, masks: Option<Arc<Vec<u8>>>, which: usize) {
        self.group = group.into_iter().map(|m| m.0).collect();
        self.group_masks = masks;
        self.group_ids = self.group.iter().map(|m| m.id).collect();
        self.which = which;
        self.memo = true;
    }
}

/// Makes `sets` one group: a [`PhraseSet::find`] of any of them over a span (of at least
/// [`MEMO_MIN_BYTES`]) scans it once for all of them and remembers every set's hits, so the
/// others' searches of the same span (mentions ask for entities and cues, frames for triggers,
/// sentence by sentence) are found in the memo. Each set's hits are exactly those of its own
/// search: the pass visits every position each set's search would try.
pub fn search_together(sets: &mut [&mut dyn Groupable]) {
    let group: Vec<GroupMember> = sets.iter().map(|s| s.member()).collect();
    let members: Vec<Member> = group.iter().map(|m| m.0.clone()).collect();
    let masks = group_masks(&members).map(Arc::new);
    for (i, s) in sets.iter_mut().enumerate() {
        s.join(group.clone(), masks.clone(), i);
    }
}

/// The pair tables of up to [`PASS_SETS`] sets in one: entry `bit` (a pair index, see
/// [`Matcher::pairs`]) has bit `k` set when set `k`'s table has the pair, and entry
/// `65536 + bit` the same for the lower-case tables ([`Matcher::pairs_lower`]). The scan then
/// learns which sets can match at a word start from one load, where it asked each set in
/// turn. `None` for larger groups (searched in several passes, each set asked in turn).
fn group_masks(members: &[Member]) -> Option<Vec<u8>> {
    if members.len() > PASS_SETS {
        return None;
    }
    let mut masks = vec![0u8; 2 * 65536];
    for (k, m) in members.iter().enumerate() {
        let m = &*m.matcher;
        for (offset, table) in [(0, &m.pairs), (65536, &m.pairs_lower)] {
            // Only the set bits of each 64-bit word of the table (startup time).
            for (w, &word) in table.iter().enumerate() {
                let mut rest = word;
                while rest != 0 {
                    let bit = w * 64 + rest.trailing_zeros() as usize;
                    if let Some(mask) = masks.get_mut(offset + bit) {
                        *mask |= 1 << k;
                    }
                    rest &= rest - 1;
                }
            }
        }
    }
    Some(masks)
}

/// Collects phrases and their senses before compiling them into a [`PhraseSet`].
#[derive(Debug)]
pub struct PhraseSetBuilder<S> {
    memo: bool,
    index: std::collections::HashMap<String, usize>,
    patterns: Vec<String>,
    rules: Vec<CaseRule>,
    senses: Vec<Vec<S>>,
}

impl<S> Default for PhraseSetBuilder<S> {
    fn default() -> Self {
        PhraseSetBuilder {
            memo: false,
            index: std::collections::HashMap::new(),
            patterns: Vec::new(),
            rules: Vec::new(),
            senses: Vec::new(),
        }
    }
}

impl<S: Clone> PhraseSetBuilder<S> {
    /// Makes the built set remember its latest results per thread, for a layer that several
    /// stages search over the same sentences (mentions, then frames and attributions, each ask
    /// for a sentence's entities and cues). A remembered result is used only when the searched
    /// text and its neighbouring characters are byte for byte the same, so results never change.
    pub fn memoize(&mut self) {
        self.memo = true;
    }

    /// Adds `phrase` with `sense`; `case_sensitive` applies the capitalisation rules described in
    /// the module docs (names, places), otherwise any case matches (titles, triggers, cues).
    pub fn add(&mut self, phrase: &str, sense: S, case_sensitive: bool) {
        let phrase = normalise_phrase(phrase);
        if phrase.is_empty() {
            return;
        }
        let rule = if !case_sensitive {
            CaseRule::Any
        } else if phrase.chars().filter(|c| c.is_alphabetic()).count() > 1
            && phrase
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
        {
            CaseRule::Exact
        } else if phrase.chars().next().is_some_and(|c| c.is_uppercase()) {
            CaseRule::Capitalised
        } else {
            CaseRule::Any
        };
        let key = format!("{}\u{0}{:?}", phrase.to_lowercase(), rule);
        match self.index.get(&key) {
            Some(&i) => {
                if let Some(s) = self.senses.get_mut(i) {
                    s.push(sense);
                }
            }
            None => {
                self.index.insert(key, self.patterns.len());
                self.patterns.push(phrase);
                self.rules.push(rule);
                self.senses.push(vec![sense]);
            }
        }
    }

    /// Compiles the phrases. (The `Result` is kept for callers: building cannot fail now that
    /// matching uses [`Trie`] instead of an Aho-Corasick automaton with size limits.)
    pub fn build(self) -> Result<PhraseSet<S>, aho_corasick::BuildError> {
        // Anchored matching only: `find` tries the trie at word starts, where a match can be
        // accepted, instead of scanning every byte with failure links.
        let trie = Trie::new(&self.patterns);
        let mut pairs = vec![0u64; 65536 / 64];
        let mut pairs_lower = vec![0u64; 65536 / 64];
        let set = |table: &mut Vec<u64>, b0: u8, b1: u8| {
            let bit = usize::from(b0) * 256 + usize::from(b1);
            if let Some(w) = table.get_mut(bit / 64) {
                *w |= 1 << (bit % 64);
            }
        };
        for (p, rule) in self.patterns.iter().zip(&self.rules) {
            let lower_ok = *rule == CaseRule::Any
                || !p.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
            for (table, wanted) in [(&mut pairs, true), (&mut pairs_lower, lower_ok)] {
                if !wanted {
                    continue;
                }
                match p.as_bytes() {
                    [] => {}
                    [b0] => (0..=255u8).for_each(|b1| set(table, b0.to_ascii_lowercase(), b1)),
                    [b0, b1, ..] => set(table, b0.to_ascii_lowercase(), b1.to_ascii_lowercase()),
                }
            }
        }
        let id = NEXT_SET_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let matcher = Arc::new(Matcher {
            trie,
            pairs,
            pairs_lower,
            patterns: self.patterns,
            rules: self.rules,
        });
        Ok(PhraseSet {
            id,
            memo: self.memo,
            group: vec![Member {
                id,
                matcher: Arc::clone(&matcher),
            }],
            group_ids: vec![id],
            group_masks: None,
            which: 0,
            matcher,
            senses: self.senses,
        })
    }
}

/// Typographic apostrophes and dashes in lexicon phrases are written as ASCII; the text is
/// matched as it is, so both forms are added by the caller where they matter.
fn normalise_phrase(p: &str) -> String {
    p.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Matcher {
    /// True when the phrase `id` found at `text[s..e]` is accepted: on word boundaries and
    /// obeying its case rule.
    #[inline]
    fn accepts(&self, text: &str, s: usize, e: usize, id: usize) -> bool {
        on_word_boundaries(text, s, e)
            && match (self.rules.get(id), self.patterns.get(id), text.get(s..e)) {
                (Some(CaseRule::Any), _, Some(_)) => true,
                (Some(CaseRule::Exact), Some(pat), Some(found)) => found == pat,
                (Some(CaseRule::Capitalised), _, Some(found)) => {
                    found.chars().next().is_some_and(|c| c.is_uppercase())
                }
                _ => false,
            }
    }

    /// Whether some phrase starts with the two (folded) bytes whose pair index is `bit`; with
    /// `lower` (the text's first byte is an ASCII lower-case letter), some phrase that can be
    /// accepted there.
    #[inline]
    fn pair(&self, bit: usize, lower: bool) -> bool {
        let table = if lower {
            &self.pairs_lower
        } else {
            &self.pairs
        };
        table
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) != 0)
    }
}

/// At most this many sets are walked in one pass (a larger group is searched in passes of
/// this many); the per-set state lives in fixed arrays.
const PASS_SETS: usize = 4;

/// The matches of each of `sets` in `text[from..to]` (see [`PhraseSet::find`]), each set's
/// into the buffer of the same index in `outs`, as `(start, end, phrase id)`.
///
/// Leftmost-longest per set, but a match glued to a letter ("bilateral meeting" inside
/// "bilateral meetings") must not hide the matches that start after its first character: the
/// set's search goes on from there instead of skipping the whole span.
///
/// This is done with anchored searches, one per position that can start an accepted match,
/// which gives the same hits as one unanchored leftmost-longest search resumed after each hit:
/// the unanchored search returns the longest match at the first position where any phrase
/// matches; a match at a position glued to the letter before it is always rejected and the
/// search resumes one character later, so such positions (and those no phrase starts at) can
/// be skipped without looking.
///
/// One walk over the bytes serves every set: the positions a set's own search tries are the
/// character boundaries not glued to the character before them (the same for every set) that
/// are not inside the set's previous accepted match, which `next` keeps per set.
///
/// `masks`, when given, are [`group_masks`] of `sets`.
fn scan(
    sets: &[Member],
    masks: Option<&[u8]>,
    text: &str,
    from: usize,
    to: usize,
    outs: &mut [Vec<RawHit>],
) {
    let Some(hay) = text.get(from..to) else {
        return;
    };
    let masks = masks.filter(|_| sets.len() <= PASS_SETS);
    for (chunk, outs) in sets.chunks(PASS_SETS).zip(outs.chunks_mut(PASS_SETS)) {
        scan_pass(chunk, masks, text, hay, from, outs);
    }
}

/// [`scan`] for at most [`PASS_SETS`] sets; `hay` is `text[from..]` up to the span's end.
fn scan_pass(
    sets: &[Member],
    masks: Option<&[u8]>,
    text: &str,
    hay: &str,
    from: usize,
    outs: &mut [Vec<RawHit>],
) {
    let bytes = hay.as_bytes();
    let n = sets.len().min(PASS_SETS);
    // Per set: positions before this one are inside its last accepted match.
    let mut next = [0usize; PASS_SETS];
    let mut live = [false; PASS_SETS];
    for (l, m) in live.iter_mut().zip(sets) {
        *l = !m.matcher.patterns.is_empty();
    }
    let mut pos = 0;
    let mut prev_glued = glued(text.get(..from).and_then(|t| t.chars().next_back()));
    while let Some(&b) = bytes.get(pos) {
        if !prev_glued {
            // The first two bytes, folded, as an index into each set's pair table (at the last
            // byte there is no pair to judge by: the trie decides).
            let bit = bytes.get(pos + 1).map(|&b1| {
                usize::from(b.to_ascii_lowercase()) * 256 + usize::from(b1.to_ascii_lowercase())
            });
            let lower = b.is_ascii_lowercase();
            // Bit `k`: set `k` has a phrase that can be accepted starting with this pair.
            let can: u8 = match (bit, masks) {
                (None, _) => u8::MAX,
                (Some(bit), Some(t)) => t
                    .get(if lower { 65536 + bit } else { bit })
                    .copied()
                    .unwrap_or(u8::MAX),
                (Some(bit), None) => sets.iter().enumerate().fold(0, |acc, (k, m)| {
                    if m.matcher.pair(bit, lower) {
                        acc | 1 << k
                    } else {
                        acc
                    }
                }),
            };
            for k in 0..n {
                if can >> k & 1 == 0 {
                    continue;
                }
                let (Some(m), Some(&nk), Some(&lk)) = (sets.get(k), next.get(k), live.get(k))
                else {
                    continue;
                };
                let m = &*m.matcher;
                if !lk || pos < nk {
                    continue;
                }
                let Some((m_end, id)) = m.trie.longest_at(bytes, pos) else {
                    continue;
                };
                let (s, e) = (pos + from, m_end + from);
                if m.accepts(text, s, e, id) {
                    if let Some(out) = outs.get_mut(k) {
                        out.push((s, e, id));
                    }
                    let mut nx = m_end.max(pos + 1);
                    while nx < hay.len() && !hay.is_char_boundary(nx) {
                        nx += 1;
                    }
                    if let Some(slot) = next.get_mut(k) {
                        *slot = nx;
                    }
                }
            }
        }
        // Next character. `pos` is on a character boundary, so stepping over a whole
        // character lands on the next one; ASCII (nearly every byte) needs no decoding.
        if b < 0x80 {
            if is_ascii_word_byte(b) {
                // The rest of an ASCII word: each of its positions is glued to the byte
                // before it, so none can start an accepted match. Skip the run in one
                // tight loop instead of one turn of this loop per byte.
                pos += 1;
                while bytes.get(pos).is_some_and(|&c| is_ascii_word_byte(c)) {
                    pos += 1;
                }
                prev_glued = true;
            } else {
                prev_glued = false;
                pos += 1;
            }
            continue;
        }
        let c = hay.get(pos..).and_then(|t| t.chars().next());
        prev_glued = glued(c);
        pos += c.map_or(1, char::len_utf8);
        while pos < hay.len() && !hay.is_char_boundary(pos) {
            pos += 1;
        }
    }
}

impl<S> PhraseSet<S> {
    /// The distinct phrases, as matched (white space normalised to single spaces).
    pub fn patterns(&self) -> impl Iterator<Item = &str> {
        self.matcher.patterns.iter().map(String::as_str)
    }

    /// Number of distinct phrases.
    pub fn len(&self) -> usize {
        self.matcher.patterns.len()
    }

    /// True when the set holds no phrase.
    pub fn is_empty(&self) -> bool {
        self.matcher.patterns.is_empty()
    }

    /// All matches in `text[from..to]` that sit on word boundaries and obey the case rules,
    /// with offsets into `text`.
    pub fn find<'s>(&'s self, text: &str, from: usize, to: usize) -> Vec<Hit<'s, S>> {
        let hit = |&(start, end, id): &RawHit| {
            self.senses.get(id).map(|senses| Hit {
                start,
                end,
                senses: senses.as_slice(),
            })
        };
        if self.memo && to.saturating_sub(from) >= MEMO_MIN_BYTES {
            memo::find(
                &self.group_ids,
                self.which,
                text,
                from,
                to,
                |outs| {
                    let masks = self.group_masks.as_deref().map(Vec::as_slice);
                    scan(&self.group, masks, text, from, to, outs)
                },
                |hits| hits.iter().filter_map(hit).collect(),
            )
        } else {
            let mut outs = [Vec::new()];
            let own = self.group.get(self.which).map(std::slice::from_ref);
            scan(own.unwrap_or_default(), None, text, from, to, &mut outs);
            let [hits] = outs;
            hits.iter().filter_map(hit).collect()
        }
    }
}

/// True for an ASCII byte that glues a match to its neighbour: what [`glued`] says of the
/// character, for ASCII.
#[inline]
fn is_ascii_word_byte(b: u8) -> bool {
    WORD_BYTE[usize::from(b)]
}

/// [`is_ascii_word_byte`] as a table: one load per byte in the scanner's word-skipping loop
/// instead of three range tests.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b == b'_';
        i += 1;
    }
    t
};

/// True for a character that glues a match to its neighbour (letters, digits, underscore).
fn glued(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// True when `text[start..end]` is not glued to letters or digits on either side.
pub fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|t| t.chars().next_back());
    let after = text.get(end..).and_then(|t| t.chars().next());
    !glued(before) && !glued(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[(&str, u8, bool)]) -> PhraseSet<u8> {
        let mut b = PhraseSetBuilder::default();
        for (p, s, cs) in items {
            b.add(p, *s, *cs);
        }
        b.build().expect("builds")
    }

    #[test]
    fn case_rules_keep_pronouns_and_words_out() {
        let s = set(&[("US", 1, true), ("Nice", 2, true), ("meeting", 3, false)]);
        let text = "Let us meet in nice weather. The US Meeting in Nice.";
        let hits: Vec<(usize, u8)> = s
            .find(text, 0, text.len())
            .iter()
            .map(|h| (h.start, h.senses[0]))
            .collect();
        assert_eq!(hits, vec![(33, 1), (36, 3), (47, 2)]);
    }

    #[test]
    fn word_boundaries_are_required() {
        let s = set(&[("met", 1, false)]);
        let text = "He metered; they met-up; metal";
        let n = s.find(text, 0, text.len()).len();
        assert_eq!(n, 1);
    }

    #[test]
    fn a_glued_longer_match_does_not_hide_a_shorter_one() {
        let s = set(&[("bilateral meeting", 1, false), ("meetings", 2, false)]);
        let text = "separate bilateral meetings with";
        let hits: Vec<u8> = s
            .find(text, 0, text.len())
            .iter()
            .map(|h| h.senses[0])
            .collect();
        assert_eq!(hits, vec![2]);
    }

    /// The trie gives the match an anchored leftmost-longest, ASCII case-insensitive
    /// Aho-Corasick search gives (the matcher it replaced), at every position.
    fn same_as_aho_corasick(patterns: &[String], texts: &[String]) {
        use aho_corasick::{AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .ascii_case_insensitive(true)
            .build(patterns)
            .expect("builds");
        let trie = Trie::new(patterns);
        for t in texts {
            for pos in 0..t.len() {
                let want = ac
                    .find(Input::new(t).span(pos..t.len()).anchored(Anchored::Yes))
                    .map(|m| (m.end(), m.pattern().as_usize()));
                assert_eq!(trie.longest_at(t.as_bytes(), pos), want, "{t:?} at {pos}");
            }
        }
    }

    #[test]
    fn trie_matches_like_aho_corasick() {
        let patterns: Vec<String> = [
            "US",
            "us",
            "Us",
            "meet",
            "meeting",
            "meetings",
            "met",
            "bilateral meeting",
            "İstanbul",
            "Zürich",
            "zürich",
            "a",
            "ab",
            "abc",
            "abd",
            "the two leaders",
            "The Two",
            "foreign minister",
            "Foreign Minister",
            "prime minister",
            "prime",
            "é",
            "e",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let texts: Vec<String> = [
            "The US and us met at the MEETINGS; bilateral meetings in İstanbul and ZÜRICH, zürich.",
            "abcabdab a ab abc; The two leaders, the TWO LEADERS; Foreign minister prime-minister é e",
            "",
            "x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        same_as_aho_corasick(&patterns, &texts);
    }

    #[test]
    fn trie_matches_like_aho_corasick_on_the_builtin_lexicon() {
        let lex = crate::Lexicon::builtin().expect("builtin lexicon");
        // Each set's phrases, in their own sentences and run together, in three casings.
        let sets: [&[String]; 4] = [
            &lex.entities.matcher.patterns,
            &lex.trigger_set.matcher.patterns,
            &lex.cues.matcher.patterns,
            &lex.topic_set.matcher.patterns,
        ];
        for patterns in sets {
            let mut texts = Vec::new();
            for chunk in patterns.chunks(40) {
                let joined = chunk.join(" ");
                texts.push(format!("On Monday {joined}, he said."));
                texts.push(joined.to_uppercase());
                texts.push(joined.to_lowercase().replace(' ', ""));
            }
            same_as_aho_corasick(patterns, &texts);
        }
    }

    #[test]
    fn remembered_results_depend_on_the_text_and_its_neighbours() {
        let mut b = PhraseSetBuilder::default();
        b.add("talks in Nice", 1u8, true);
        b.add("Nice", 2u8, true);
        b.memoize();
        let s = b.build().expect("builds");
        let hits = |text: &str, from: usize, to: usize| -> Vec<(usize, usize, u8)> {
            s.find(text, from, to)
                .iter()
                .map(|h| (h.start, h.end, h.senses[0]))
                .collect()
        };
        let a = "xx talks in Nice, then more";
        let span = (3, 24);
        let first = hits(a, span.0, span.1);
        assert_eq!(first, vec![(3, 16, 1)]);
        // Remembered: the same answer again.
        assert_eq!(hits(a, span.0, span.1), first);
        // Same offsets, different neighbours or text: searched again.
        assert_eq!(
            hits("xxxtalks in Nice, then more", span.0, span.1),
            vec![(12, 16, 2)]
        );
        assert_eq!(hits("xx talks in Nicex then more", span.0, span.1), vec![]);
        assert_eq!(
            hits("xx walks in Nice, then more", span.0, span.1),
            vec![(12, 16, 2)]
        );
        assert_eq!(hits(a, span.0, span.1), first);
    }

    /// Sets searched together find what each finds alone, over texts built from their own
    /// phrases (overlapping matches, glued matches, non-ASCII text) and at every sub-span.
    #[test]
    fn sets_searched_together_find_what_they_find_alone() {
        let build = |items: &[(&str, bool)]| {
            let mut b = PhraseSetBuilder::default();
            for (i, (p, cs)) in items.iter().enumerate() {
                b.add(p, i, *cs);
            }
            b.build().expect("builds")
        };
        let specs: [&[(&str, bool)]; 3] = [
            &[
                ("Nice", true),
                ("talks in Nice", true),
                ("US", true),
                ("Zürich", true),
            ],
            &[
                ("meet", false),
                ("meetings", false),
                ("bilateral meeting", false),
            ],
            &[
                ("the two", false),
                ("two leaders", false),
                ("é", false),
                ("e", false),
            ],
        ];
        // Two independent builds of the same sets: one searched alone, one together.
        let alone = specs.map(build);
        let mut together = specs.map(build);
        {
            let [a, b, c] = &mut together;
            search_together(&mut [a, b, c]);
        }
        let texts = [
            "The US talks in Nice: bilateral meetings, the two leaders meet in Zürich.",
            "éé e é-e the twoleaders US-US us talks in Nicety, talks in Nice",
            "Meetings MEET the Two Leaders; ZÜRICH zürich Zürich",
        ];
        let key = |h: &Hit<'_, usize>| (h.start, h.end, h.senses.to_vec());
        for t in texts {
            let bounds: Vec<usize> = (0..=t.len()).filter(|&i| t.is_char_boundary(i)).collect();
            for &from in &bounds {
                for &to in bounds.iter().filter(|&&to| to >= from) {
                    // Each set asked in turn, in two orders, so every one is computed by the
                    // pass and also read from the memo.
                    for order in [[0, 1, 2], [2, 1, 0]] {
                        for i in order {
                            let want: Vec<_> = alone[i].find(t, from, to).iter().map(key).collect();
                            let got: Vec<_> =
                                together[i].find(t, from, to).iter().map(key).collect();
                            assert_eq!(got, want, "set {i} in {t:?}[{from}..{to}]");
                        }
                    }
                }
            }
        }
    }

    /// The builtin lexicon's grouped layers find what a single-set search finds.
    #[test]
    fn builtin_groups_find_what_single_sets_find() {
        let lex = crate::Lexicon::builtin().expect("builtin lexicon");
        let texts = [
            "Azerbaijan's Foreign Minister Jeyhun Bayramov met his Armenian counterpart in Almaty \
             on Monday, the two leaders said; Putin called Erdogan and they held talks.",
            "Russian President Vladimir Putin will visit Ankara next week, the Kremlin said.",
        ];
        for t in texts {
            let single = |m: &Member| {
                let mut outs = [Vec::new()];
                scan(std::slice::from_ref(m), None, t, 0, t.len(), &mut outs);
                let [h] = outs;
                h
            };
            let mut outs = vec![Vec::new(); lex.entities.group.len()];
            scan(&lex.entities.group, None, t, 0, t.len(), &mut outs);
            assert_eq!(outs.len(), 3);
            for (m, got) in lex.entities.group.iter().zip(&outs) {
                assert_eq!(got, &single(m));
            }
            // With the group's combined pair tables, as `find` searches.
            let masks = lex.entities.group_masks.as_deref().map(Vec::as_slice);
            assert!(masks.is_some());
            let mut with_masks = vec![Vec::new(); lex.entities.group.len()];
            scan(&lex.entities.group, masks, t, 0, t.len(), &mut with_masks);
            assert_eq!(with_masks, outs);
            assert!(
                !outs.iter().any(Vec::is_empty),
                "every layer has hits in {t:?}"
            );
        }
    }

    /// Each builtin layer's hits with the lower-case pair table are those without it (every
    /// pair allowed at lower-case words), over its phrases in several casings.
    #[test]
    fn lower_case_pairs_skip_only_rejected_matches() {
        let lex = crate::Lexicon::builtin().expect("builtin lexicon");
        let matchers = [
            &lex.entities.matcher,
            &lex.trigger_set.matcher,
            &lex.cues.matcher,
            &lex.topic_set.matcher,
        ];
        for m in matchers {
            let plain = Arc::new(Matcher {
                trie: m.trie.clone(),
                pairs: m.pairs.clone(),
                pairs_lower: m.pairs.clone(),
                patterns: m.patterns.clone(),
                rules: m.rules.clone(),
            });
            let fast = [Member {
                id: 0,
                matcher: Arc::clone(m),
            }];
            let slow = [Member {
                id: 0,
                matcher: plain,
            }];
            for chunk in m.patterns.chunks(40) {
                let joined = chunk.join(" ");
                let capitalised: String = joined
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map(|f| f.to_uppercase().chain(c).collect::<String>())
                            .unwrap_or_default()
                    })
                    .collect::<Vec<_>>()
                    .join(" ");
                for t in [
                    format!("On Monday {joined}, he said."),
                    joined.to_lowercase(),
                    joined.to_uppercase(),
                    capitalised,
                    format!("the {} and {}", joined.to_lowercase(), joined),
                ] {
                    let (mut a, mut b) = ([Vec::new()], [Vec::new()]);
                    scan(&fast, None, &t, 0, t.len(), &mut a);
                    scan(&slow, None, &t, 0, t.len(), &mut b);
                    assert_eq!(a, b, "{t:?}");
                }
            }
        }
    }

    #[test]
    fn identical_phrases_keep_all_senses() {
        let s = set(&[("said", 1, false), ("said", 2, false)]);
        let hits = s.find("he said", 0, 7);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].senses, &[1, 2]);
    }
}
