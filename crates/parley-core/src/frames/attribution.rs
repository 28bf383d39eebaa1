//! Who reports what a sentence says: "according to the Kremlin", "Pashinyan's office said".

use super::*;

/// The reporting sources named in a sentence without a trigger (a readout paragraph after the
/// sentence stating the event): "..., the Kremlin said."
pub fn sentence_attributions(
    lex: &Lexicon,
    text: &str,
    sentence: usize,
    sent: Range<usize>,
    mentions: &[Mention],
    actors: &[Option<Actor>],
) -> Vec<String> {
    let cues: Vec<(Range<usize>, CueSense)> = lex
        .cues
        .find(text, sent.start, sent.end)
        .iter()
        .flat_map(|h| h.senses.iter().map(move |s| (h.start..h.end, *s)))
        .collect();
    if !cues.iter().any(|(_, s)| matches!(s, CueSense::Body(_))) {
        return Vec::new();
    }
    let ctx = Ctx {
        lex,
        text,
        sent,
        mentions: mentions_of(sentence, mentions, actors),
        boundaries: Vec::new(),
        cues,
        times: Vec::new(),
        places: Vec::new(),
        countries: Vec::new(),
    };
    attributions(&ctx)
}

/// Who reports what the sentence says: "according to the Kremlin", "Pashinyan's office said".
pub(super) fn attributions(ctx: &Ctx<'_>) -> Vec<String> {
    let mut specific = Vec::new();
    let mut generic = Vec::new();
    for (r, s) in &ctx.cues {
        if let CueSense::Body(b) = s {
            let Some(name) = ctx.lex.bodies.get(*b) else {
                continue;
            };
            let lower = name.to_lowercase();
            let is_generic = matches!(
                lower.as_str(),
                "readout"
                    | "spokesperson"
                    | "spokesman"
                    | "spokeswoman"
                    | "government"
                    | "cabinet"
                    | "embassy"
                    | "press service"
                    | "press office"
                    | "president's office"
                    | "prime minister's office"
                    | "presidential press service"
                    | "presidential office"
            );
            // "Pashinyan's office", "the Armenian president's office": keep the owner.
            let owner = ctx.mentions.iter().find(|(m, _)| {
                m.end <= r.start && m.possessive && ctx.slice(m.end..r.start).trim().len() <= 3
            });
            let label = match owner {
                Some((m, Some(Actor::Known(p)))) if is_generic => ctx
                    .lex
                    .persons
                    .get(*p)
                    .map(|x| {
                        format!(
                            "{}'s {}",
                            x.name,
                            lower_words(ctx.slice(m.end..r.end))
                                .iter()
                                .filter(|w| *w != "s" && *w != "'s")
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(" ")
                        )
                    })
                    .unwrap_or_else(|| name.clone()),
                _ => {
                    // Keep a demonym written before a generic body ("the Armenian presidential press service").
                    name.clone()
                }
            };
            let label = label.trim().to_string();
            if is_generic {
                if !generic.contains(&label) {
                    generic.push(label);
                }
            } else if !specific.contains(&label) {
                specific.push(label);
            }
        }
    }
    if specific.is_empty() {
        generic.retain(|g| {
            !matches!(
                g.to_lowercase().as_str(),
                "readout"
                    | "spokesperson"
                    | "spokesman"
                    | "spokeswoman"
                    | "government"
                    | "cabinet"
                    | "embassy"
            )
        });
        generic
    } else {
        specific
    }
}
