//! One trigger to one frame (or one per party, for "separate calls"): which sense the trigger
//! has, who is on its left and right, and everything the other modules add to it.

use super::*;

/// "an official friendship visit", "a two-day state visit": a determiner at most three words
/// back, with only modifiers in between, makes the trigger the head of a noun phrase. A person
/// named in between is a subject ("the Russian president visits"), and auxiliaries, pronouns
/// or linking words end the noun phrase ("the talks will visit" never happens, but "that he
/// will visit" does).
fn determiner_opens_noun_phrase(ctx: &Ctx<'_>, span: &Range<usize>) -> bool {
    const NOT_MODIFIERS: &[&str] = &[
        "will", "would", "shall", "can", "could", "may", "might", "must", "to", "not", "also",
        "and", "or", "but", "who", "which", "did", "does", "do", "is", "are", "was", "were", "be",
        "been", "has", "have", "had", "he", "she", "they", "we", "i", "it", "that", "there",
        "where", "when",
    ];
    const DETERMINERS: &[&str] = &[
        "the", "a", "an", "their", "his", "her", "its", "our", "this", "these", "those",
    ];
    let from = ctx.sent.start.max(span.start.saturating_sub(60));
    let before = ctx.slice(from..span.start);
    if before.trim_end().ends_with(',') {
        return false;
    }
    let mut end = before.len();
    for k in 0..4 {
        let head = before.get(..end).unwrap_or("").trim_end();
        let start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
        let word = head.get(start..).unwrap_or("").to_lowercase();
        if word.is_empty() {
            return false;
        }
        if k > 0 && DETERMINERS.contains(&word.as_str()) {
            // A person named between the determiner and the trigger is the verb's subject.
            let det_end = from + head.len();
            return !ctx
                .mentions
                .iter()
                .any(|(m, _)| m.start >= det_end && m.end <= span.start);
        }
        if NOT_MODIFIERS.contains(&word.as_str())
            || word.contains('\'')
            || word.contains('\u{2019}')
            || !word.chars().all(|c| c.is_alphanumeric() || c == '-')
        {
            return false;
        }
        end = start;
    }
    false
}

/// Picks which sense of a trigger phrase applies here, or None when none does.
pub(super) fn choose_sense(ctx: &Ctx<'_>, span: &Range<usize>, senses: &[usize]) -> Option<usize> {
    let lex = ctx.lex;
    if senses
        .iter()
        .any(|&s| lex.triggers.get(s).is_some_and(|t| t.process))
    {
        return None;
    }
    let prev_word = lower_words(ctx.slice(ctx.sent.start..span.start))
        .last()
        .cloned()
        .unwrap_or_default();
    let after = ctx.slice(span.end..ctx.sent.end);
    // "he was welcomed by Foreign Minister Qin Gang": the person after a passive's "by".
    let passive = matches!(
        prev_word.as_str(),
        "was" | "were" | "is" | "are" | "been" | "being" | "be" | "warmly" | "personally" | "not"
    );
    let person_next = ctx.mentions.iter().any(|(m, a)| {
        let gap_words = gap_words_without_time_or_place(ctx, span.end, m.start.max(span.end));
        m.start >= span.end
            && !m.possessive
            && (a.is_some() || matches!(m.who, Who::Role { .. } | Who::Singular | Who::Plural))
            && gap_words.iter().enumerate().all(|(i, w)| {
                matches!(
                    w.as_str(),
                    "his" | "her" | "their" | "the" | "its" | "both" | "visiting"
                        // "welcomed Roh's predecessor, Kim Dae-jung": the name in apposition.
                        | "predecessor" | "successor"
                ) || (passive && i == 0 && w == "by")
                    // "received the EU's special representative": whose representative.
                    || (w.ends_with("'s") && w.len() > 2)
            })
            && gap_words.len() <= 2 + usize::from(passive)
    });
    // "with"/"to"/"between" after the trigger, allowing times and adverbs in between.
    let with_next = {
        let mut rest = after;
        for t in &ctx.times {
            // Only a time right after the trigger ("spoke on Monday with"), not one after its
            // object ("spoke to him by phone on Saturday").
            let adjacent = ctx
                .slice(span.end..t.start.max(span.end))
                .split_whitespace()
                .count()
                <= 1;
            if t.start >= span.end && t.start < span.end + 30 && adjacent {
                let upto = t.end - span.end;
                if upto <= after.len() {
                    rest = after.get(upto..).unwrap_or("");
                }
                break;
            }
        }
        // "spoke separately by phone on Tuesday with": manner adverbs, the medium and a day
        // may stand between the verb and its "with".
        const BETWEEN: &[&str] = &[
            "separately",
            "also",
            "again",
            "briefly",
            "directly",
            "later",
            "earlier",
            "by",
            "phone",
            "telephone",
            "video",
            "link",
            "on",
            "today",
            "yesterday",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "night",
            "morning",
            "afternoon",
            "evening",
        ];
        let words: Vec<String> = lower_words(rest.trim_start_matches([' ', ')', '(']))
            .into_iter()
            .skip_while(|w| BETWEEN.contains(&w.as_str()))
            .collect();
        words
            .iter()
            .take(4)
            .take_while(|w| !w.is_empty())
            .any(|w| matches!(w.as_str(), "with" | "to" | "between"))
            && !words
                .first()
                .is_some_and(|w| w == "to" && after.trim_start().starts_with("to discuss"))
    };
    // "they spoke", "the two leaders talked", "A and B spoke": a plural subject right before.
    let plural_subject = {
        let before: Vec<&(&Mention, Option<Actor>)> = ctx
            .mentions
            .iter()
            .filter(|(m, _)| m.end <= span.start)
            .collect();
        // "The two leaders had failed to meet": auxiliaries may stand in between.
        let near = |m: &Mention| {
            let gap = lower_words(ctx.slice(m.end..span.start));
            gap.len() <= 2
                || (gap.len() <= 4
                    && gap.iter().all(|w| {
                        matches!(
                            w.as_str(),
                            "had"
                                | "have"
                                | "has"
                                | "will"
                                | "would"
                                | "did"
                                | "failed"
                                | "to"
                                | "also"
                                | "agreed"
                                | "plan"
                                | "planned"
                                | "are"
                                | "were"
                                | "not"
                                | "expected"
                                | "due"
                                | "set"
                                | "again"
                                | "later"
                                | "last"
                                | "first"
                        )
                    }))
        };
        match before.as_slice() {
            [.., (a, _), (b, _)] if near(b) => {
                matches!(b.who, Who::Plural)
                    || ctx.slice(a.end..b.start).trim().eq_ignore_ascii_case("and")
            }
            [.., (b, _)] if near(b) => matches!(b.who, Who::Plural),
            _ => false,
        }
    };
    // "X, whom the Ethiopian leader received in Addis Ababa": the object stands before.
    let whom_before = {
        let before = ctx.slice(ctx.sent.start..span.start).to_lowercase();
        before
            .rfind(", whom ")
            .is_some_and(|i| before.len() - i <= 60)
    };
    // "received each minister separately", "met both leaders".
    let group_next = each_of_group(after);
    let person_next = person_next || group_next;
    let prev_is_determiner = NOUN_DETERMINERS.contains(&prev_word.as_str())
        || ctx
            .slice(ctx.sent.start..span.start)
            .trim_end()
            .ends_with("'s")
        || ctx
            .slice(ctx.sent.start..span.start)
            .trim_end()
            .ends_with("\u{2019}s")
        || determiner_opens_noun_phrase(ctx, span);
    let mut noun = None;
    let mut verb_ok = None;
    for &s in senses {
        let Some(t) = lex.triggers.get(s) else {
            continue;
        };
        if t.noun {
            noun.get_or_insert(s);
            continue;
        }
        let ok = match t.object {
            ObjectRequirement::None => true,
            ObjectRequirement::Person => {
                (person_next
                    || whom_before
                    || (t.host && ctx.slice(span.clone()).to_lowercase().starts_with("host")))
                    && !appeal_to_person(ctx, span)
            }
            ObjectRequirement::With => with_next || plural_subject,
        };
        if ok && verb_ok.is_none() {
            verb_ok = Some(s);
        }
    }
    if prev_is_determiner {
        noun.or(verb_ok)
    } else {
        verb_ok.or(noun)
    }
}

pub(super) fn frame_for_trigger(
    ctx: &Ctx<'_>,
    span: Range<usize>,
    senses: &[usize],
    all_triggers: &[Range<usize>],
    discourse: &Discourse,
) -> Option<Vec<Frame>> {
    if is_venue(ctx.text, ctx.sent.start, span.start) {
        return None;
    }
    let sense = choose_sense(ctx, &span, senses)?;
    let trig = ctx.lex.triggers.get(sense)?;
    if habitual(ctx, &span) {
        return None;
    }
    // "During her one-day visit Sandu also met ...": the visit told before, named again as
    // the time of what follows, is no new event.
    if trig.kind == EventType::Visit && trig.noun && during_own_visit(ctx, &span) {
        return None;
    }
    let mut left_start = ctx.clause_start(span.start);
    // "Zelaya, who was bundled out of the country on 28 June, met Clinton on Tuesday": a
    // relative clause closed by the comma before the verb; the verb's subject stands before
    // "who", and nothing inside the relative clause (people, its date) belongs to the verb.
    let relative = relative_clause_before(ctx, left_start, span.start);
    if let Some(r) = &relative {
        left_start = ctx.clause_start(r.start);
    } else if let Some(i) = ctx.slice(left_start..span.start).rfind(", and ") {
        // "X was in Addis Ababa for talks, and on 29 December he met Y": a coordinated clause
        // with a subject of its own starts at ", and"; the place and people before it are the
        // first clause's.
        let from = left_start + i + ", and ".len();
        let own_subject = ctx
            .mentions
            .iter()
            .any(|(m, _)| m.start >= from && m.end <= span.start && !m.speaker);
        // "Lavrov and Shoigu, and their Turkish counterparts Cavusoglu and Akar, mediated": a
        // coordinated subject closed by a comma before the verb is one subject, not a clause.
        let closed_subject = ctx.slice(from..span.start).trim_end().ends_with(',');
        if own_subject && !closed_subject {
            left_start = from;
        }
    }
    let mut right_end = ctx.clause_end(span.end);
    // The next verb trigger ends the clause too ("visited Baku and told Aliyev" is cut by "told").
    for t in all_triggers {
        if t.start >= span.end && t.start < right_end {
            let between = ctx.slice(span.end..t.start).to_lowercase();
            if let Some(i) = between.find(", and ") {
                // "talks with Abiy Ahmed, and on 29 December he met Guelleh": the next
                // clause, with its own date and subject, starts at the comma.
                right_end = right_end.min(span.end + i);
            } else if between.trim_start().starts_with("and ")
                || between.contains(" and ")
                || between.trim_end().ends_with(',')
            {
                right_end = t.start;
            }
        }
    }
    if std::env::var_os("PARLEY_DEBUG_CLAUSE").is_some() {
        eprintln!(
            "clause {:?} :: {:?}",
            ctx.slice(left_start..span.start),
            ctx.slice(span.start..right_end)
        );
    }
    let after = ctx.slice(span.end..right_end);
    let after_lower = after.trim_start().to_lowercase();
    // "the meeting of the Security Council": an institution's meeting, not people's.
    // "a conversation of about 40 minutes", "talks of more than two hours": a duration.
    // ("about" ends the clause, so the words are read from the rest of the sentence.)
    let of_duration = after_lower.starts_with("of ")
        && lower_words(ctx.slice(span.end..ctx.sent.end))
            .iter()
            .take(5)
            .any(|w| matches!(w.as_str(), "minutes" | "minute" | "hours" | "hour" | "days"));
    if trig.noun
        && !of_duration
        && (after_lower.starts_with("of ") || after_lower.starts_with("of the "))
    {
        let first_mention_after = ctx
            .mentions
            .iter()
            .find(|(m, _)| m.start >= span.end && m.start < right_end);
        let of_person = first_mention_after
            .is_some_and(|(m, _)| ctx.slice(span.end..m.start).split_whitespace().count() <= 2);
        if !of_person {
            return None;
        }
    }
    let between_mode = after_lower.starts_with("between");
    // "he was welcomed in Caracas by Chavez": a place (or a day) may stand before the agent.
    let passive_by = after_lower.starts_with("by ")
        || (trig.host
            && !trig.noun
            && ctx
                .mentions
                .iter()
                .find(|(m, _)| m.start >= span.end)
                .is_some_and(|(m, _)| {
                    let gap = gap_words_without_time_or_place(ctx, span.end, m.start);
                    gap.len() == 1 && gap.first().is_some_and(|w| w == "by")
                }));

    let resolve = |m: &Mention, a: &Option<Actor>, exclude: &[Actor]| -> Vec<Actor> {
        match (&m.who, a) {
            (_, Some(a)) => vec![a.clone()],
            (Who::Plural, None) => {
                // "the leaders of the eight member states" is not the pair named before.
                let size = discourse.last_group.len();
                let own = lower_words(ctx.slice(m.start..m.end));
                let after = lower_words(ctx.slice(m.end..(m.end + 30).min(ctx.sent.end)));
                let of_count = match after.as_slice() {
                    [of, the, n, ..] if of == "of" && the == "the" => number_word(n),
                    [of, n, ..] if of == "of" => number_word(n),
                    _ => None,
                };
                // "The two-day summit" names no people.
                let compound = ctx.slice(m.end..m.end + 1) == "-";
                // "The two foreign ministers, Jaswant Singh and Abdul Sattar, conferred": the
                // names in apposition are the group, not the pair told of before.
                let apposition = ctx.mentions.iter().any(|(n, na)| {
                    n.start >= m.end && na.is_some() && ctx.slice(m.end..n.start).trim() == ","
                });
                // "the two presidents" are not a pair of foreign ministers told of before.
                let role_mismatch = plural_role(&own).is_some_and(|roles| {
                    discourse.last_group.iter().any(|a| match a {
                        Actor::Known(id) => ctx.lex.persons.get(*id).is_some_and(|p| {
                            !p.offices.iter().any(|o| roles.contains(&o.role.as_str()))
                        }),
                        Actor::Unknown(_) => false,
                    })
                });
                let mismatch = compound
                    || apposition
                    || role_mismatch
                    || own
                        .iter()
                        .filter_map(|w| number_word(w))
                        .chain(of_count)
                        .any(|n| n != size);
                // "Sisi asked Trump to help when the two met": a pair named earlier in the same
                // sentence is the pair meant, not the group of an earlier sentence.
                let pair_word = own.iter().any(|w| matches!(w.as_str(), "two" | "both"));
                let mut named_before: Vec<Actor> = Vec::new();
                for (x, xa) in ctx.mentions.iter() {
                    if x.end <= m.start && !x.speaker && !x.possessive {
                        if let Some(xa) = xa {
                            if !named_before.contains(xa) {
                                named_before.push(xa.clone());
                            }
                        }
                    }
                }
                // "The four leaders agreed ...": the latest event of four told before.
                let counted = own.iter().filter_map(|w| number_word(w)).next();
                let recent_of_size = counted.filter(|_| !compound && !apposition).and_then(|n| {
                    discourse
                        .recent_sets
                        .iter()
                        .rev()
                        .find(|s| s.len() == n && n > 2)
                        .cloned()
                });
                // "Both leaders will meet again" after a sentence on their foreign ministers:
                // the latest pair (or counted set) told before whose people all lead a state or
                // a government, when the group named last does not.
                let heads = |a: &Actor| match a {
                    Actor::Known(id) => ctx.lex.persons.get(*id).is_some_and(|p| {
                        p.offices.iter().any(|o| {
                            matches!(o.role.as_str(), "head_of_state" | "head_of_government")
                        })
                    }),
                    Actor::Unknown(_) => false,
                };
                let leaders_word = own.iter().any(|w| w == "leaders");
                let wanted = counted.or(pair_word.then_some(2));
                if leaders_word
                    && !compound
                    && !apposition
                    && !discourse.last_group.iter().all(&heads)
                {
                    if let Some(set) = wanted.and_then(|n| {
                        discourse
                            .recent_sets
                            .iter()
                            .rev()
                            .find(|s| s.len() == n && s.iter().all(&heads))
                    }) {
                        return set.clone();
                    }
                }
                if let (true, Some(set)) = (mismatch && !pair_word, recent_of_size) {
                    set
                } else if mismatch && !(pair_word && named_before.len() == 2) {
                    vec![]
                } else if pair_word && named_before.len() == 2 && !compound {
                    named_before
                } else {
                    discourse.last_group.clone()
                }
            }
            (Who::Singular, None) => {
                // "..., two days after Trump called off his planned meeting with Kim": inside a
                // subordinate clause, the pronoun is that clause's subject.
                let clause_start = ctx
                    .boundaries
                    .iter()
                    .filter(|b| b.end <= m.start)
                    .filter(|b| {
                        matches!(
                            ctx.slice((*b).clone()).to_lowercase().as_str(),
                            "after"
                                | "before"
                                | "when"
                                | "while"
                                | "because"
                                | "since"
                                | "although"
                                | "though"
                        )
                    })
                    .map(|b| b.end)
                    .max();
                let clause_subject = clause_start.and_then(|from| {
                    ctx.mentions
                        .iter()
                        .filter(|(x, xa)| {
                            x.start >= from
                                && x.end <= m.start
                                && xa.is_some()
                                && !x.speaker
                                && !x.possessive
                        })
                        .filter_map(|(_, xa)| xa.clone())
                        .next_back()
                        .filter(|xa| !exclude.contains(xa))
                });
                if let Some(a) = clause_subject {
                    return vec![a];
                }
                // The sentence's first person not among the objects, else the last subject. A
                // subject pronoun looks back only: "He flew in and met Tiani and Bazoum" is
                // neither; a possessive may look ahead ("In his call with Aliyev, Blinken ...").
                // ("When he met Erdogan, Putin said ...": an opening subordinate clause may
                // name its subject after it.)
                let opening_clause = matches!(
                    lower_words(ctx.slice(ctx.sent.start..m.start)).as_slice(),
                    [w] if matches!(
                        w.as_str(),
                        "when" | "after" | "as" | "while" | "before" | "since" | "once" | "though"
                            | "although" | "if"
                    )
                );
                // "His first trip abroad was to Egypt, where he met Sisi": a possessive that
                // opens the sentence looks back as well.
                let opens_sentence = ctx.slice(ctx.sent.start..m.start).trim().is_empty();
                let subject_pronoun = !opening_clause
                    && (opens_sentence
                        || matches!(
                            ctx.slice(m.start..m.end).to_lowercase().as_str(),
                            "he" | "she"
                        ));
                // "He then travelled to Juba for talks with Kiir, and to Doha, where he was
                // welcomed by ...": a second subject pronoun is the first one's person.
                let after_leading_pronoun = subject_pronoun
                    && ctx
                        .mentions
                        .iter()
                        .find(|(x, _)| !x.speaker)
                        .is_some_and(|(x, _)| {
                            x.start < m.start && matches!(x.who, Who::Singular) && !x.possessive
                        });
                if after_leading_pronoun {
                    if let Some(a) = discourse.last_subject.clone() {
                        return vec![a];
                    }
                }
                // "the head of the Ukrainian President's Office, Andriy Yermak, said that he
                // ...": the possessor of an office is the antecedent only when nobody else is
                // named ("Kim Jong-il's only previous summit ..., when he" keeps Kim).
                let office_of = |x: &Mention| {
                    x.possessive
                        && lower_words(ctx.slice(x.end..(x.end + 24).min(ctx.sent.end)))
                            .get(1)
                            .is_some_and(|w| {
                                matches!(
                                    w.as_str(),
                                    "office"
                                        | "administration"
                                        | "government"
                                        | "ministry"
                                        | "cabinet"
                                        | "party"
                                        | "team"
                                        | "camp"
                                        | "press"
                                        | "spokesman"
                                        | "spokeswoman"
                                        | "spokesperson"
                                )
                            })
                };
                let candidates = |possessive: bool| {
                    ctx.mentions
                        .iter()
                        .filter(|(x, xa)| {
                            !x.speaker
                                && xa.is_some()
                                && (!subject_pronoun || x.end <= m.start)
                                && !matches!(x.who, Who::Singular | Who::Plural)
                                && (possessive || !office_of(x))
                        })
                        .filter_map(|(_, xa)| xa.clone())
                        .find(|xa| !exclude.contains(xa))
                };
                candidates(false)
                    .or_else(|| candidates(true))
                    .or_else(|| discourse.last_subject.clone())
                    .into_iter()
                    .collect()
            }
            _ => vec![],
        }
    };

    // Objects: people after the trigger within the clause.
    let right: Vec<&(&Mention, Option<Actor>)> = ctx
        .mentions
        .iter()
        .filter(|(m, _)| m.start >= span.end && m.start < right_end && !m.speaker)
        // "talks with Burhan's deputy, Malik Agar": the possessor names whose deputy, envoy or
        // adviser it is; only a possessor of an event noun ("Putin's visit") takes part.
        .filter(|(m, _)| {
            !m.possessive
                || all_triggers
                    .iter()
                    .any(|t| t.start >= m.end && t.start <= m.end + 4)
        })
        // "Steve Witkoff, the envoy of President-elect Donald Trump": whose envoy, not a party.
        .filter(|(m, _)| !owner_of_role(ctx, m.start))
        .collect();
    // "Kirchner called his Brazilian counterpart \"a brother\"": calling someone something is
    // naming, not a phone call.
    if trig.kind == EventType::Call && !trig.noun && ctx.slice(span.clone()).starts_with("call") {
        if let Some((m, _)) = right.first() {
            let after = ctx.slice(m.end..ctx.sent.end).trim_start();
            let quoted = after.starts_with(['"', '\u{201c}', '\u{2018}']);
            let named_as = ["a ", "an "].iter().any(|a| {
                after.strip_prefix(a).is_some_and(|rest| {
                    let noun = rest.split_whitespace().next().unwrap_or("");
                    !matches!(
                        noun,
                        "day" | "week" | "few" | "month" | "year" | "second" | "third" | "couple"
                    ) && !noun.ends_with("-minute")
                        && !noun.ends_with("-hour")
                })
            });
            if quoted || named_as {
                return None;
            }
        }
    }
    let mut objects: Vec<Actor> = Vec::new();
    // "President Yoweri Museveni received him": an object pronoun is not the clause's subject.
    let named_before: Vec<Actor> = ctx
        .mentions
        .iter()
        .filter(|(m, _)| m.start >= left_start && m.end <= span.start && !m.speaker)
        .filter_map(|(_, a)| a.clone())
        .collect();
    for (m, a) in &right {
        for x in resolve(m, a, &named_before) {
            if !objects.contains(&x) {
                objects.push(x);
            }
        }
    }
    // "the RSF commander, Mohamed Hamdan Dagalo, whom the Ethiopian leader received": the
    // person before "whom" is the object.
    if objects.is_empty() && !trig.noun {
        let opened_by_whom = ctx.boundaries.iter().any(|b| {
            b.end <= left_start
                && left_start <= b.end + 1
                && ctx.slice(b.clone()).eq_ignore_ascii_case("whom")
        });
        if opened_by_whom {
            let antecedent = ctx
                .mentions
                .iter()
                .rev()
                .find(|(m, a)| m.end < left_start && !m.speaker && a.is_some());
            if let Some((m, a)) = antecedent {
                let gap = ctx.slice(m.end..left_start);
                if gap.len() <= 12 {
                    objects.extend(resolve(m, a, &[]));
                }
            }
        }
    }
    // "to take stock of the negotiations", "the outcome of the talks": talks someone speaks
    // about, not an event of the people around ("twelve hours of talks", "a round of
    // negotiations" are the talks themselves).
    if trig.noun && objects.is_empty() && !between_mode {
        let before = lower_words(ctx.slice(left_start..span.start));
        let n = before.len();
        let of_at = match before.as_slice() {
            [.., of, the] if of == "of" && matches!(the.as_str(), "the" | "these" | "those") => {
                Some(n - 2)
            }
            [.., of] if of == "of" => Some(n - 1),
            _ => None,
        };
        if let Some(k) = of_at {
            let head = k.checked_sub(1).and_then(|h| before.get(h));
            let quantity = head.is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "round"
                        | "rounds"
                        | "hours"
                        | "hour"
                        | "days"
                        | "day"
                        | "weeks"
                        | "week"
                        | "minutes"
                        | "session"
                        | "sessions"
                        | "series"
                        | "months"
                        | "years"
                        | "lot"
                        | "number"
                        | "couple"
                        | "marathon"
                        | "part"
                        | "start"
                        | "sidelines"
                        | "margins"
                        | "eve"
                        | "end"
                        | "day's"
                ) || number_word(w).is_some()
            });
            if !quantity {
                return None;
            }
        }
    }
    // "received each minister separately", "met both leaders": the group named before.
    if objects.is_empty() {
        let each = each_of_group(ctx.slice(span.end..right_end));
        if each && discourse.last_group.len() >= 2 {
            objects = discourse.last_group.clone();
        }
    }
    // Subjects.
    let left: Vec<&(&Mention, Option<Actor>)> = ctx
        .mentions
        .iter()
        .filter(|(m, _)| m.end <= span.start && m.start >= left_start && !m.speaker)
        .filter(|(m, _)| !relative.as_ref().is_some_and(|r| r.contains(&m.start)))
        .collect();
    let mut subjects: Vec<Actor> = Vec::new();
    let group_of = |idx: usize, backwards: bool| -> Vec<usize> {
        // Coordinated mentions around left[idx].
        let mut g = vec![idx];
        let same_person = |k: usize, j: usize| match (left.get(k), left.get(j)) {
            (Some((_, Some(x))), Some((_, Some(y)))) => x == y,
            _ => false,
        };
        let coordinated = |a: &Mention, b: &Mention| {
            let gap = coordination_gap(ctx.slice(a.end..b.start));
            let gap = gap
                .trim_start_matches("'s")
                .trim_start_matches("\u{2019}s")
                .trim();
            (a.group.is_some() && a.group == b.group)
                || matches!(
                    gap,
                    "and"
                        | ","
                        | ", and"
                        | "as well as"
                        | "and the"
                        | ", and the"
                        | "and his"
                        | "and her"
                        | "and their"
                        | ", and their"
                        | ", and his"
                        | ", and her"
                )
        };
        if backwards {
            let mut k = idx;
            while k > 0 {
                let (Some((a, _)), Some((b, _))) = (left.get(k - 1), left.get(k)) else {
                    break;
                };
                // "U.S. Deputy Secretary of State Wendy Sherman": a title and its name are
                // one person, whatever stands between them.
                if coordinated(a, b) || same_person(k - 1, k) {
                    g.insert(0, k - 1);
                    k -= 1;
                } else if a.possessive && possessed_apposition(ctx.slice(a.end..b.start)) {
                    // "Denktas and Papadopoulos's predecessor, Glafcos Clerides, sat down": the
                    // possessor only says whose predecessor; what it is coordinated with is.
                    match left.get(k.wrapping_sub(2)) {
                        Some((c, _)) if k >= 2 && coordinated(c, a) => {
                            g.insert(0, k - 2);
                            k -= 2;
                        }
                        _ => break,
                    }
                } else {
                    break;
                }
            }
        } else {
            let mut k = idx;
            while let (Some((a, _)), Some((b, _))) = (left.get(k), left.get(k + 1)) {
                if coordinated(a, b)
                    || same_person(k, k + 1)
                    || (ctx.slice(a.end..b.start).trim() == ","
                        && matches!(a.who, Who::Role { .. }))
                {
                    g.push(k + 1);
                    k += 1;
                } else {
                    break;
                }
            }
        }
        g
    };
    if !left.is_empty() {
        let picked: Vec<usize> = if trig.noun {
            // A possessor right before the noun ("Putin's visit", "his meeting", "their summit").
            let last = left.len() - 1;
            let possessor = left.get(last).filter(|(m, _)| {
                m.possessive && ctx.slice(m.end..span.start).split_whitespace().count() <= 4
            });
            if possessor.is_some() {
                group_of(last, true)
            } else {
                group_of(0, false)
            }
        } else {
            // "Rice will confer with Sarkozy and will then travel to Tbilisi to meet
            // Saakashvili": a group that is the object of a preposition ("with Sarkozy") is
            // not the subject of a later verb; the subject stands before it.
            let mut idx = left.len() - 1;
            loop {
                let g = group_of(idx, true);
                let first = g.first().copied().unwrap_or(idx);
                // "Trump received Netanyahu in the Oval Office and then met Sheikh Abdullah":
                // the object of an earlier verb is not the subject of a later one either.
                let object_of_preposition = left.get(first).is_some_and(|(m, _)| {
                    lower_words(ctx.slice(left_start..m.start))
                        .last()
                        .is_some_and(|w| {
                            matches!(w.as_str(), "with" | "to" | "from" | "by" | "against")
                                || TRANSITIVE_CONTACT_VERBS.contains(&w.as_str())
                        })
                });
                match first.checked_sub(1) {
                    Some(prev) if object_of_preposition => idx = prev,
                    _ if object_of_preposition => break g,
                    _ => break g,
                }
            }
        };
        // "he and Foreign Minister Bernard Kouchner met": the pronoun is not a person named
        // beside it.
        let mut not_the_pronoun = objects.clone();
        for i in &picked {
            if let Some((_, Some(a))) = left.get(*i) {
                not_the_pronoun.push(a.clone());
            }
        }
        for i in picked {
            if let Some((m, a)) = left.get(i) {
                for x in resolve(m, a, &not_the_pronoun) {
                    if !subjects.contains(&x) && !objects.contains(&x) {
                        subjects.push(x);
                    }
                }
            }
        }
    }
    if subjects.is_empty() && !between_mode {
        // "Swiss President Karin Keller-Sutter, who met Bessent and Greer": the verb of a
        // relative clause has the people right before ", who" as its subject.
        for x in who_antecedents(ctx, left_start, &resolve)
            .into_iter()
            .chain(closed_relative_antecedents(ctx, span.start, &resolve))
        {
            if !subjects.contains(&x) && !objects.contains(&x) {
                subjects.push(x);
            }
        }
    }
    // "Merkel had pressed Putin on Wednesday last week, in a phone call, to use his
    // influence": a call named in a phrase after the comma is the main clause's.
    let in_a_call_after_comma = trig.noun && trig.kind == EventType::Call && {
        let before = ctx.slice(ctx.sent.start..span.start).trim_end();
        [
            ", in a",
            ", in a brief",
            ", in a short",
            ", during a",
            ", in a lengthy",
        ]
        .iter()
        .any(|p| before.ends_with(p))
    };
    if in_a_call_after_comma {
        subjects.clear();
        objects.clear();
    }
    if subjects.is_empty() && !between_mode {
        // A fronted phrase ("During a visit to Ankara, Bayramov ...", "In his conversation with
        // Aliyev, Blinken ..."): the main clause's subject, after the comma.
        let fronted_end = ctx
            .slice(ctx.sent.start..ctx.sent.end)
            .find(',')
            .map(|i| ctx.sent.start + i);
        if let Some(fe) = fronted_end.filter(|fe| *fe > span.end) {
            if let Some((m, a)) = ctx
                .mentions
                .iter()
                .find(|(m, a)| m.start > fe && !m.speaker && a.is_some())
                // "Commanders are to meet within five days, Obasanjo said": a person after the
                // comma who speaks reports the event when no preposition opened the sentence
                // ("In a letter to Kim, Trump wrote" keeps Trump).
                .filter(|(m, _)| {
                    opens_with_preposition(ctx)
                        || !super::ctx::speech_verb_opens(
                            ctx.slice(m.end..ctx.sent.end).trim_start(),
                        )
                })
            {
                for x in resolve(m, a, &objects) {
                    if !objects.contains(&x) {
                        subjects.push(x);
                    }
                }
            }
        }
        // A possessive pronoun before the noun with nobody in the clause: "his call with Aliyev".
        if subjects.is_empty() {
            if let Some((m, a)) = ctx.mentions.iter().rev().find(|(m, _)| {
                m.end <= span.start
                    && m.start >= left_start
                    && matches!(m.who, Who::Singular | Who::Plural)
            }) {
                for x in resolve(m, a, &objects) {
                    if !objects.contains(&x) {
                        subjects.push(x);
                    }
                }
            }
        }
        // "A and B agreed late on Saturday ..., after twelve hours of EU-facilitated talks in
        // Ohrid": a noun trigger in a clause opened by "after", "during" or "following" with
        // nobody in it is the main clause's people's meeting.
        let opened_by_time_link = trig.noun && {
            let opener = ctx
                .boundaries
                .iter()
                .filter(|b| b.end <= left_start && left_start <= b.end + 1)
                .map(|b| ctx.slice(b.clone()).to_lowercase())
                .next_back();
            opener.is_some_and(|o| matches!(o.as_str(), "after" | "during" | "following"))
        };
        if subjects.is_empty() && objects.is_empty() && opened_by_time_link {
            let first = ctx
                .mentions
                .iter()
                .position(|(m, a)| m.end <= span.start && !m.speaker && a.is_some());
            if let Some(first) = first {
                let mut k = first;
                while let Some((m, a)) = ctx.mentions.get(k) {
                    if m.end > span.start || m.speaker {
                        break;
                    }
                    for x in resolve(m, a, &[]) {
                        if !subjects.contains(&x) {
                            subjects.push(x);
                        }
                    }
                    let Some((n, _)) = ctx.mentions.get(k + 1) else {
                        break;
                    };
                    let gap = coordination_gap(ctx.slice(m.end..n.start));
                    let same_group = m.group.is_some() && m.group == n.group;
                    // "Foreign Minister Yun Byung-se and his Japanese counterpart Fumio Kishida".
                    if !(same_group
                        || matches!(
                            gap.as_str(),
                            "and" | "," | ", and" | "and his" | "and her" | "and the"
                        ))
                    {
                        break;
                    }
                    k += 1;
                }
            }
        }
        // "Ruto dispatched the veteran politician after speaking by phone with Kiir": a verb
        // in -ing after "after", "before", "while" or "upon" has the main clause's subject.
        // ("before meeting Deuba and Dahal": the noun "meeting" with a person right after it
        // is that verb.)
        let meeting_verb = trig.noun
            && ctx.slice(span.clone()).eq_ignore_ascii_case("meeting")
            && ctx.mentions.iter().any(|(m, a)| {
                a.is_some()
                    && m.start >= span.end
                    && lower_words(ctx.slice(span.end..m.start)).len() <= 3
            });
        let gerund_after_link = subjects.is_empty()
            && (!trig.noun || meeting_verb)
            && ctx
                .slice(span.clone())
                .split_whitespace()
                .next()
                .is_some_and(|w| w.to_lowercase().ends_with("ing"))
            && lower_words(ctx.slice(ctx.sent.start..span.start))
                .last()
                .is_some_and(|w| matches!(w.as_str(), "after" | "before" | "while" | "upon"));
        if gerund_after_link {
            if let Some((m, a)) = ctx.mentions.iter().find(|(m, a)| {
                m.start >= ctx.sent.start
                    && m.end <= span.start
                    && !m.speaker
                    && !m.possessive
                    && a.is_some()
            }) {
                for x in resolve(m, a, &objects) {
                    if !objects.contains(&x) {
                        subjects.push(x);
                    }
                }
            }
        }
        // "..., but there was no bilateral meeting with his Pakistani counterpart Imran Khan":
        // whose counterpart it is takes part; he is the person the sentence is about.
        if subjects.is_empty() && trig.noun {
            // ("a meeting between Grigoryan and his Azerbaijani counterpart": his is the person
            // named first, not someone outside the clause.)
            let counterpart_of_his = right.first().into_iter().any(|(m, _)| {
                let before = ctx.slice(m.start.saturating_sub(5)..m.start).to_lowercase();
                let own = ctx.slice(m.start..m.end).to_lowercase();
                (before.ends_with("his ") || before.ends_with("her "))
                    && own.contains("counterpart")
            });
            if counterpart_of_his {
                let main = ctx
                    .mentions
                    .iter()
                    .filter(|(m, _)| m.end <= span.start && !m.speaker)
                    .filter_map(|(_, a)| a.clone())
                    .find(|a| !objects.contains(a))
                    .or_else(|| discourse.last_subject.clone())
                    .filter(|a| !objects.contains(a));
                subjects.extend(main);
            }
        }
        // Nobody in the clause at all: the people of the sentence before the trigger
        // ("Obama pressed his counterparts ..., in separate phone calls").
        if subjects.is_empty()
            && objects.is_empty()
            && (trig.plural || separate_word_in(ctx, &span) || in_a_call_after_comma)
        {
            for (m, a) in ctx
                .mentions
                .iter()
                .filter(|(m, _)| m.end <= span.start && !m.speaker)
            {
                for x in resolve(m, a, &[]) {
                    if !subjects.contains(&x) {
                        subjects.push(x);
                    }
                }
            }
        }
    }

    // Objects that are states, not people ("negotiations with Azerbaijan"): not a person event.
    if objects.is_empty() && !passive_by {
        let state_object = ctx.countries.iter().any(|r| {
            r.start >= span.end && r.start < right_end && {
                let g = ctx.slice(span.end..r.start).trim().to_lowercase();
                matches!(
                    g.as_str(),
                    "with" | "between" | "to" | "with the" | "between the"
                )
            }
        });
        if state_object && !matches!(trig.kind, EventType::Visit) {
            return None;
        }
    }

    // "a series of telephone conversations he held separately with A and B": a pronoun right
    // after an event noun opens a relative clause and is its subject, not one more party.
    if trig.noun && subjects.is_empty() {
        if let Some((m, a)) = right.first().map(|x| (&x.0, &x.1)) {
            let own = ctx.slice(m.start..m.end).to_lowercase();
            let next = lower_words(ctx.slice(m.end..(m.end + 20).min(ctx.sent.end)));
            let verb = next.first().is_some_and(|w| {
                matches!(
                    w.as_str(),
                    "held" | "had" | "conducted" | "made" | "hosted" | "chaired" | "led"
                )
            });
            if matches!(own.as_str(), "he" | "she")
                && verb
                && ctx.slice(span.end..m.start).trim().is_empty()
            {
                let who = resolve(m, a, &[]);
                objects.retain(|o| !who.contains(o));
                subjects.extend(who);
            }
        }
    }
    let clause = ctx.slice(left_start..right_end).to_lowercase();
    let clause_words = lower_words(&clause);
    // "met A and B, in separate meetings": the word may also follow the clause.
    let separate_word = clause_words
        .iter()
        .chain(
            lower_words(ctx.slice(right_end..ctx.sent.end))
                .iter()
                .take(4),
        )
        .any(|w| SEPARATE_WORDS.contains(&w.as_str()));
    // A joint word counts in the trigger's own comma-delimited stretch: "Before the trilateral
    // session began, X met each of the two ministers separately" is two separate meetings.
    let own_start = ctx
        .slice(left_start..span.start)
        .rfind(',')
        .map(|i| left_start + i + 1)
        .unwrap_or(left_start);
    let joint = lower_words(ctx.slice(own_start..right_end))
        .iter()
        .any(|w| JOINT_WORDS.contains(&w.as_str()));
    let call_verb = trig.kind == EventType::Call && !trig.noun;
    // "X held talks with A and B on the sidelines of the summit": bilateral meetings, one each.
    let sidelines = {
        let rest = ctx.slice(span.end..ctx.sent.end).to_lowercase();
        rest.contains("on the sidelines of") || rest.contains("on the margins of")
    };
    let separate = !joint
        && (separate_word
            || trig.plural
            || (call_verb && objects.len() >= 2 && subjects.len() == 1)
            || (sidelines
                && !trig.noun
                && !trig.host
                && matches!(trig.kind, EventType::Meeting)
                && objects.len() >= 2
                && subjects.len() == 1));

    let (mut status, mut certainty) = status_of(ctx, &span, left_start, right_end, trig.noun);
    // "X accepted an invitation from Y to visit ...", "X accepted Y's invitation to visit ...":
    // a planned visit by X to Y. An invitation nobody accepted is not an event.
    if trig.kind == EventType::Visit {
        let before = ctx.slice(ctx.sent.start..span.start).to_lowercase();
        // "an invitation to visit", "invited X to visit" — but "at the invitation of Y, X
        // visited" reports the visit itself.
        let mut trimmed = before.trim_end();
        // "invited Modi to pay an official visit": the noun after "to pay a".
        for w in [" a", " an", " the", " pay", " make"] {
            if let Some(t) = trimmed.strip_suffix(w) {
                trimmed = t;
            }
        }
        let invited = (trimmed.ends_with("invitation to") || trimmed.ends_with(" to"))
            && ["invitation", "invited", "invites", "inviting"]
                .iter()
                .any(|w| before.rfind(w).is_some_and(|i| before.len() - i < 80))
            && !before.contains("at the invitation")
            && !before.contains("on the invitation");
        if invited {
            let accepted_before = before.contains("accepted") || before.contains("accepts");
            // "A invited B to visit Washington, and B accepted", "A invited B to pay a visit.
            // The invitation was accepted": the acceptance told after the invitation.
            let accepted_after = !accepted_before && invitation_accepted_after(ctx, span.end);
            if !accepted_before && !accepted_after {
                return None;
            }
            let inv_at = ctx.sent.start + before.rfind("invit").unwrap_or(0);
            let acc_at = ctx.sent.start + before.rfind("accept").unwrap_or(0);
            let person_in = |from: usize, to: usize| {
                ctx.mentions
                    .iter()
                    .filter(|(m, a)| m.start >= from && m.end <= to && !m.speaker && a.is_some())
                    .find_map(|(m, a)| resolve(m, a, &[]).into_iter().next())
            };
            let (visitor, host) = if accepted_before {
                (
                    person_in(ctx.sent.start, acc_at),
                    person_in(acc_at, span.start).or_else(|| person_in(inv_at, span.start)),
                )
            } else {
                // The one invited visits the one inviting.
                (
                    person_in(inv_at, span.start),
                    person_in(ctx.sent.start, inv_at),
                )
            };
            if let (Some(v), Some(h)) = (visitor, host) {
                if v != h {
                    subjects = vec![v];
                    objects = vec![h];
                    status = Status::Planned;
                    certainty = Certainty::Cued;
                }
            }
        }
    }
    if hypothetical(ctx, &span, left_start) {
        return None;
    }
    // "any such encounter", "such a meeting": a reference to a hypothetical event.
    if trig.noun {
        let before = lower_words(ctx.slice(left_start.min(span.start)..span.start));
        let n = before.len();
        let tail: Vec<&str> = before
            .iter()
            .skip(n.saturating_sub(2))
            .map(String::as_str)
            .collect();
        if matches!(
            tail.as_slice(),
            [.., "any"] | ["any", "such"] | [.., "such"] | ["such", "a" | "an"]
        ) {
            return None;
        }
        // "agreed to speed up those negotiations": a plan about talks told before is no new
        // event.
        if status == Status::Planned && matches!(tail.as_slice(), [.., "those" | "these"]) {
            return None;
        }
    }
    let mut shift = shift_from_previous(ctx, &span, left_start);
    // "The next day he was in Addis Ababa for talks, and on 29 December he met Guelleh": a
    // clause with a date of its own is dated by it, not by the shift told before it.
    let own_date = ctx.times.iter().any(|t| {
        t.start >= left_start
            && t.end <= right_end.max(span.end)
            // "A day earlier" is the shift itself, not a date.
            && !matches!(t.expr, TimeExpr::VaguePast)
            && {
            // "the first since the attack on 7 October" bounds a period (as in `time_for`).
            let near_day = matches!(t.expr, TimeExpr::Weekday { .. } | TimeExpr::DayOffset(_));
            let before = lower_words(ctx.slice(ctx.sent.start..t.start));
            !before
                .iter()
                .rev()
                .take(if near_day { 2 } else { 6 })
                .any(|w| matches!(w.as_str(), "since" | "until" | "till"))
        }
    });
    if own_date {
        shift = None;
    }
    // "A day earlier ... since October 7": the shift dates the event, not a date further on.
    let time = if shift.is_some() {
        None
    } else {
        time_for(
            ctx,
            &span,
            left_start,
            right_end,
            all_triggers,
            relative.as_ref(),
        )
    };
    // "On Saturday morning Modi visited the temple, before meeting Deuba": a verb in -ing
    // after "before" or "after" shares the main clause's day when it names none of its own.
    let linked_gerund = ctx
        .slice(span.clone())
        .split_whitespace()
        .next()
        .is_some_and(|w| w.to_lowercase().ends_with("ing"))
        && {
            // ("a day after meeting Erdogan" is dated by its own shift.)
            let before = lower_words(ctx.slice(ctx.sent.start..span.start));
            let n = before.len();
            before
                .last()
                .is_some_and(|w| matches!(w.as_str(), "after" | "before" | "while" | "upon"))
                && !n
                    .checked_sub(2)
                    .and_then(|i| before.get(i))
                    .is_some_and(|w| {
                        matches!(
                            w.as_str(),
                            "day" | "days" | "hours" | "week" | "weeks" | "month" | "months"
                        )
                    })
        };
    let time = match time {
        None if linked_gerund && shift.is_none() => ctx
            .times
            .iter()
            .rfind(|t| t.end <= span.start)
            .map(|t| t.expr.clone()),
        t => t,
    };
    let continuation = lower_words(ctx.slice(left_start.min(span.start)..span.start))
        .iter()
        .rev()
        .take(4)
        .any(|w| CONTINUATION.contains(&w.as_str()));
    // The day must be the continuation's own, after it: in "met on Thursday and agreed to
    // continue negotiations", Thursday is the meeting's.
    let own_day_after = ctx
        .times
        .iter()
        .any(|t| t.start >= span.end && t.start <= right_end);
    if continuation && !own_day_after && shift.is_none() {
        return None;
    }
    // "spoke with" / "talked to" is a call unless the sentence puts them in one room.
    let mut kind = trig.kind;
    // A bare "conversation" names no line either: "a short conversation with Putin at the
    // Kremlin reception" is held in one room.
    let bare_conversation = trig.noun
        && matches!(
            ctx.slice(span.clone()).to_lowercase().as_str(),
            "conversation" | "conversations"
        );
    if kind == EventType::Call && (trig.object == ObjectRequirement::With || bare_conversation) {
        let sentence = ctx.slice(ctx.sent.clone()).to_lowercase();
        let in_room = [
            "sidelines",
            "in the presence of",
            "in person",
            "face to face",
            "face-to-face",
            "on the margins",
        ]
        .iter()
        .any(|c| sentence.contains(c))
            || location_for(ctx, &span, left_start, right_end, false).is_some();
        // "They met in San Francisco on Thursday. Kishida and Xi talked for about 65 minutes":
        // a bare "talked" (no phone, no call) by people of an in-person event told in the two
        // sentences before continues that event.
        let by_line = ["phone", "telephone", "call", "video", "line"]
            .iter()
            .any(|w| sentence.contains(w));
        let people: Vec<&Actor> = subjects.iter().chain(objects.iter()).collect();
        let continues_meeting = !by_line
            && people.len() >= 2
            && discourse
                .recent_occurred
                .iter()
                .rev()
                .find(|(_, set, _)| people.iter().all(|p| set.contains(p)))
                .is_some_and(|(n, _, in_person)| {
                    *in_person && discourse.sentence_no.saturating_sub(*n) <= 2
                });
        if in_room || continues_meeting {
            kind = EventType::Meeting;
        }
    }
    // "held talks via video link", "met by videoconference": talks held over a line are a call.
    if matches!(kind, EventType::Meeting | EventType::Negotiation)
        && remote_medium_after(ctx, &span)
    {
        kind = EventType::Call;
    }
    let location = if kind == EventType::Call {
        None
    } else {
        location_for(ctx, &span, left_start, right_end, kind == EventType::Visit).or_else(|| {
            // The dateline is where the reporter is: it places a meeting held there, never
            // a visit (whose place is the destination) nor a plan.
            let held_there = matches!(
                kind,
                EventType::Meeting | EventType::Negotiation | EventType::Mediation
            ) && status == Status::Occurred;
            if held_there {
                dateline_place(ctx)
            } else {
                None
            }
        })
    };

    // Who initiated: the caller, visitor or host; "on the initiative of the Azerbaijani side".
    let directional = trig.host
        || trig.kind == EventType::Visit
        || (trig.kind == EventType::Call
            && (!trig.noun || after_lower.starts_with("to ") || subjects.len() == 1));
    let initiative = initiative_country(ctx, ctx.sent.clone());

    let mut anaphoric = false;
    let mut participants_sets: Vec<Vec<Actor>> = Vec::new();
    let host_attach = trig.host && !passive_by && objects.is_empty() && !subjects.is_empty();
    // "The meeting, which Borrell and Lajcak facilitated, lasted hours": the mediators of the
    // talks told before.
    let mediators_of_event_before = trig.kind == EventType::Mediation
        && !passive_by
        && objects.is_empty()
        && !subjects.is_empty()
        && event_noun_with_which(ctx.slice(ctx.sent.start..span.start));
    // "Blinken's trip began on Sunday, when he was welcomed by Foreign Minister Qin Gang": the
    // guest and the host, a visit when the sentence speaks of a trip.
    let passive_guest = passive_by && trig.host && !subjects.is_empty() && !objects.is_empty();
    if passive_guest {
        let mut p = subjects.clone();
        p.extend(objects.iter().filter(|o| !subjects.contains(o)).cloned());
        participants_sets.push(p);
    } else if host_attach {
        participants_sets.push(subjects.clone());
    } else if passive_by
        && !trig.noun
        && !subjects.is_empty()
        && !objects.is_empty()
        && lower_words(ctx.slice(ctx.sent.start..span.start))
            .last()
            .is_some_and(|w| matches!(w.as_str(), "was" | "were" | "is" | "are" | "been"))
    {
        // "On landing, she was met by Ajit Doval": the passive's subject and its agent.
        let mut p = subjects.clone();
        p.extend(objects.iter().filter(|o| !subjects.contains(o)).cloned());
        participants_sets.push(p);
    } else if passive_by {
        // "the meeting, hosted by A and B": the hosts join the meeting referred to.
        if objects.is_empty() {
            return None;
        }
        participants_sets.push(objects.clone());
    } else if between_mode {
        // "Lavrov and Cavusoglu mediated between Haftar and Sarraj": the mediators too.
        let mut p = objects.clone();
        if trig.kind == EventType::Mediation && !trig.noun {
            p.extend(subjects.iter().filter(|s| !objects.contains(s)).cloned());
        }
        participants_sets.push(p);
    } else if separate && subjects.len() >= 2 && objects.len() == 1 {
        // "A and B separately called on Modi": one meeting each with the one they called on.
        for sub in &subjects {
            let mut p = vec![sub.clone()];
            p.extend(objects.iter().filter(|o| *o != sub).cloned());
            participants_sets.push(p);
        }
    } else if separate && !subjects.is_empty() && !objects.is_empty() {
        for o in &objects {
            let mut p = subjects.clone();
            p.push(o.clone());
            participants_sets.push(p);
        }
    } else if separate && objects.is_empty() && subjects.len() >= 2 {
        let hub = subjects.first().cloned();
        for o in subjects.iter().skip(1) {
            if let Some(h) = &hub {
                participants_sets.push(vec![h.clone(), o.clone()]);
            }
        }
    } else {
        let mut p = subjects.clone();
        for o in &objects {
            if !p.contains(o) {
                p.push(o.clone());
            }
        }
        // "..., and met again in New York": the verb shares the subject of the event just told.
        let after_and = {
            let lead = ctx.slice(left_start..span.start).trim_end().to_lowercase();
            let lead = lead.trim_end_matches(" again").trim_end_matches(" then");
            lead.ends_with(" and") || lead == "and" || lead.ends_with(", and")
        };
        if p.is_empty() && !trig.noun && after_and {
            p = discourse.sentence_event.clone();
        }
        if p.is_empty() {
            // "the meeting in Brussels": a reference back, useful only for its place.
            let definite = lower_words(ctx.slice(left_start..span.start))
                .iter()
                .any(|w| matches!(w.as_str(), "the" | "this" | "that"));
            if definite && trig.noun && location.is_some() {
                anaphoric = true;
                participants_sets.push(vec![]);
            } else {
                return None;
            }
        } else {
            participants_sets.push(p);
        }
    }

    let country_of = |a: &Actor| match a {
        Actor::Known(p) => ctx.lex.persons.get(*p).map(|x| x.country.clone()),
        Actor::Unknown(_) => None,
    };
    // A named mediator in the sentence ("under the mediation of X", "with X acting as mediator")
    // turns talks between the parties into a mediation that includes the mediator.
    if matches!(
        kind,
        EventType::Meeting | EventType::Negotiation | EventType::Mediation
    ) {
        let named = mediators(ctx);
        // "talks opened under the mediation of X, with the two delegations led by A and B":
        // the heads of the delegations are the parties the mediators sit between.
        if !named.is_empty() || kind == EventType::Negotiation {
            let heads = delegation_heads(ctx);
            if heads.len() >= 2 {
                for p in &mut participants_sets {
                    for h in &heads {
                        if !p.contains(h) && !named.contains(h) {
                            p.push(h.clone());
                        }
                    }
                }
            }
        }
        if !named.is_empty() {
            for p in &mut participants_sets {
                let parties = p.iter().filter(|a| !named.contains(a)).count();
                if parties >= 2 || (parties == 1 && p.len() == 1) {
                    for m in &named {
                        if !p.contains(m) {
                            p.push(m.clone());
                        }
                    }
                }
            }
            if participants_sets.iter().any(|p| p.len() >= 3) {
                kind = EventType::Mediation;
            }
        }
    }
    let welcomes = trig.host || ctx.slice(span.clone()).to_lowercase().starts_with("greet");
    let mut frames = Vec::new();
    for participants in participants_sets {
        let mut participants = participants;
        let mut visit_complete = false;
        let mut kind = kind;
        let mut guest: Option<Actor> = None;
        // "he was not received by Tiani": a reception refused is a denied meeting, not a visit.
        let refused_reception = {
            let before = ctx.slice(ctx.sent.start..span.start).to_lowercase();
            let before = before.trim_end();
            before.ends_with(" not") || before.ends_with(" never")
        };
        if passive_guest && subjects.len() == 1 && objects.len() == 1 && !refused_reception {
            let sentence_lower = ctx.slice(ctx.sent.clone()).to_lowercase();
            let trip = ["trip", "visit", "arriv", "tour"]
                .iter()
                .any(|w| sentence_lower.contains(w));
            let loc_country = location.as_ref().and_then(|l| l.country.clone());
            let (g, host) = (subjects.first(), objects.first());
            let at_home =
                host.is_some_and(|h| country_of(h).is_some() && country_of(h) == loc_country);
            if trip || at_home {
                kind = EventType::Visit;
                visit_complete = true;
                guest = g.cloned();
            }
        } else if welcomes && subjects.len() == 1 && objects.len() == 1 {
            // The host welcomes a foreign guest at home: the guest's visit — when the text
            // speaks of a visit; "received the EU envoy in Yerevan" alone is a meeting.
            let (host, g) = (subjects.first(), objects.first());
            let loc_country = location.as_ref().and_then(|l| l.country.clone());
            let visit_words = {
                let sentence_lower = ctx.slice(ctx.sent.clone()).to_lowercase();
                ["visit", "trip", "arriv", "tour", "greet"]
                    .iter()
                    .any(|w| sentence_lower.contains(w))
            };
            if let (Some(h), Some(g)) = (host, g) {
                let hc = country_of(h);
                // ("... to come to Chisinau ..., whom she received on 29 December for a
                // one-day visit": the host's city may stand outside the clause.)
                let loc_country = loc_country.or_else(|| {
                    ctx.places
                        .iter()
                        .filter_map(|(_, p, _)| p.country.clone())
                        .find(|c| Some(c) == hc.as_ref())
                });
                if visit_words && hc.is_some() && loc_country == hc && country_of(g) != hc {
                    kind = EventType::Visit;
                    visit_complete = true;
                    guest = Some(g.clone());
                }
            }
        }
        if trig.kind == EventType::Visit {
            // The host: a person in the sentence from the visited place's country, when the
            // sentence gives someone a receiving role ("welcomed", "received", "hosted", "at the
            // invitation of"). "will travel to Washington, where he will meet Sullivan" names no
            // host: that is a meeting during the trip, not the visit's host.
            let sentence_lower = ctx.slice(ctx.sent.clone()).to_lowercase();
            let receiving = [
                "welcom",
                "receiv",
                "host",
                "greet",
                "invitation",
                "invited",
                "guest",
            ]
            .iter()
            .any(|w| sentence_lower.contains(w));
            // "he was not received by Tiani": nobody received the visitor (the refusal is a
            // denied meeting of its own).
            let refused = ["not receiv", "not welcom", "not greet", "not hosted"]
                .iter()
                .any(|w| sentence_lower.contains(w));
            let receiving = receiving && !refused;
            if let Some(loc_country) = location
                .as_ref()
                .and_then(|l| l.country.clone())
                .filter(|_| receiving)
            {
                for (m, a) in &ctx.mentions {
                    let Some(a) = a else { continue };
                    if m.speaker || participants.contains(a) {
                        continue;
                    }
                    // A lexicon person from there, or an official introduced with that country.
                    let from_there = country_of(a).as_ref() == Some(&loc_country)
                        || m.title_country.as_ref() == Some(&loc_country);
                    if from_there && participants.len() == 1 {
                        participants.push(a.clone());
                    }
                }
            }
            visit_complete = participants.len() >= 2;
        }
        let initiator = match &initiative {
            Some(code) => participants
                .iter()
                .find(|a| match a {
                    Actor::Known(p) => ctx.lex.persons.get(*p).is_some_and(|x| &x.country == code),
                    Actor::Unknown(_) => false,
                })
                .cloned(),
            None => None,
        }
        .or_else(|| guest.clone())
        .or_else(|| {
            if host_attach || (directional && subjects.len() == 1 && !between_mode && !passive_by) {
                subjects.first().cloned()
            } else if passive_by && trig.host && objects.len() == 1 {
                objects.first().cloned()
            } else {
                None
            }
        });
        let mention_spans = ctx
            .mentions
            .iter()
            .filter(|(_, a)| a.as_ref().is_some_and(|a| participants.contains(a)))
            .map(|(m, _)| m.start..m.end)
            .collect();
        frames.push(Frame {
            kind,
            sentence: 0,
            trigger: span.clone(),
            participants,
            mention_spans,
            initiator,
            status,
            certainty,
            time: time.clone(),
            location: location.clone(),
            anaphoric,
            attach: (passive_by && trig.host && !passive_guest)
                || host_attach
                || mediators_of_event_before,
            visit_complete,
            shift_from_previous: shift,
            bilateral: {
                let c = ctx.slice(left_start..right_end).to_lowercase();
                [
                    "bilateral",
                    "one-on-one",
                    "one-to-one",
                    "tete-a-tete",
                    "tête-à-tête",
                    "separately",
                    " alone",
                ]
                .iter()
                .any(|w| c.contains(w))
            },
            joins_any: mediators_of_event_before,
            title_like: {
                let line = ctx.slice(ctx.sent.clone()).trim_end();
                line.len() < 200 && !line.ends_with(['.', '!', '?', '"', '\u{201d}', ')', ':'])
            },
            attributed_to: Vec::new(),
            day: None,
            ordinal: ordinal_before(ctx, &span),
            again: ctx
                .slice(span.end..ctx.sent.end)
                .split_whitespace()
                .take(2)
                .any(|w| w.trim_end_matches([',', '.']).eq_ignore_ascii_case("again")),
        });
    }
    Some(frames)
}

/// "their second meeting", "the 12th round of negotiations", "the first formal summit": the
/// ordinal among the three words before a trigger.
pub(super) fn ordinal_before(ctx: &Ctx<'_>, span: &Range<usize>) -> Option<u32> {
    let before =
        lower_words(ctx.slice(span.start.saturating_sub(40).max(ctx.sent.start)..span.start));
    before.iter().rev().take(3).find_map(|w| {
        let named = [
            "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
            "tenth", "eleventh", "twelfth",
        ]
        .iter()
        .position(|o| o == w)
        .and_then(|i| u32::try_from(i + 1).ok());
        named.or_else(|| {
            let digits = w
                .strip_suffix("st")
                .or_else(|| w.strip_suffix("nd"))
                .or_else(|| w.strip_suffix("rd"))
                .or_else(|| w.strip_suffix("th"))?;
            digits.parse().ok()
        })
    })
}

pub(super) fn separate_word_in(ctx: &Ctx<'_>, span: &Range<usize>) -> bool {
    lower_words(ctx.slice(ctx.sent.start..span.end))
        .iter()
        .any(|w| SEPARATE_WORDS.contains(&w.as_str()))
}

/// True when `before` (a sentence up to a trigger) opens with an event noun and a relative
/// "which": "The meeting, which Borrell and Lajcak ...", "The talks, which Qatar ...".
fn event_noun_with_which(before: &str) -> bool {
    let lower = before.to_lowercase();
    let Some(at) = lower.find(", which ") else {
        return false;
    };
    let head = lower_words(lower.get(..at).unwrap_or(""));
    let determiner = head.first().is_some_and(|w| {
        matches!(
            w.as_str(),
            "the" | "this" | "that" | "these" | "those" | "their"
        )
    });
    let noun = head.last().is_some_and(|w| {
        matches!(
            w.as_str(),
            "meeting"
                | "meetings"
                | "talks"
                | "session"
                | "round"
                | "summit"
                | "dialogue"
                | "negotiations"
                | "conversation"
                | "call"
        )
    });
    determiner && noun && head.len() <= 4
}

/// Verbs whose object is a person met, called or received ("received Netanyahu"): a person
/// right after one is that verb's object, never the subject of a later coordinated verb.
const TRANSITIVE_CONTACT_VERBS: &[&str] = &[
    "received",
    "receives",
    "met",
    "meets",
    "hosted",
    "hosts",
    "welcomed",
    "welcomes",
    "greeted",
    "greets",
    "phoned",
    "telephoned",
    "visited",
    "visits",
    "invited",
    "thanked",
    "briefed",
    "congratulated",
];

/// True when the sentence opens with a preposition or a subordinator ("In a letter to Kim,",
/// "During his visit,", "After the talks,"): what precedes its first comma is a fronted phrase.
fn opens_with_preposition(ctx: &Ctx<'_>) -> bool {
    let first = ctx
        .slice(ctx.sent.clone())
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        first.as_str(),
        "in" | "during"
            | "at"
            | "on"
            | "after"
            | "before"
            | "following"
            | "while"
            | "when"
            | "speaking"
            | "with"
            | "upon"
            | "ahead"
            | "over"
            | "by"
            | "from"
            | "since"
            | "as"
            | "later"
            | "earlier"
    )
}

/// "Machar and Kiir rarely meet one-on-one", "the two ministers speak regularly": a verb of
/// habit tells how often people meet, not a meeting that took place.
fn habitual(ctx: &Ctx<'_>, span: &Range<usize>) -> bool {
    const HABIT: &[&str] = &[
        "rarely",
        "seldom",
        "regularly",
        "often",
        "frequently",
        "usually",
        "routinely",
        "occasionally",
        "sometimes",
    ];
    let before = lower_words(ctx.slice(ctx.sent.start..span.start));
    let after = lower_words(ctx.slice(span.end..(span.end + 24).min(ctx.sent.end)));
    // The present tense only: "had often met" or "met regularly last year" still tell of
    // meetings in the past, which are not single events either, but "often" before a past
    // verb is rare in news and "regularly" after it names no day.
    let verb = ctx.slice(span.clone()).to_lowercase();
    let present = !verb.ends_with("ed") && !matches!(verb.as_str(), "met" | "spoke" | "held");
    // "rarely meet one-on-one": the habit word may also stand before the verb of an event noun.
    before
        .iter()
        .rev()
        .take(2)
        .any(|w| HABIT.contains(&w.as_str()))
        || (present && after.first().is_some_and(|w| HABIT.contains(&w.as_str())))
}

/// The words between two offsets, lower-cased, leaving out time expressions and places with
/// their prepositions: "received on Sunday Dr. Abiy Ahmed", "received last month in Cairo the
/// Ethiopian Foreign Minister" have their object right after the verb.
fn gap_words_without_time_or_place(ctx: &Ctx<'_>, from: usize, to: usize) -> Vec<String> {
    let mut words = Vec::new();
    let mut at = from;
    let mut skipped_place = false;
    let mut skipped_time = false;
    let spans = ctx
        .times
        .iter()
        .map(|t| (t.start, t.end, false))
        .chain(ctx.places.iter().map(|(r, _, _)| (r.start, r.end, true)));
    let mut covered: Vec<(usize, usize, bool)> =
        spans.filter(|(s, e, _)| *s >= from && *e <= to).collect();
    covered.sort_unstable();
    for (s, e, place) in covered {
        if s < at {
            continue;
        }
        words.extend(lower_words(ctx.slice(at..s)));
        at = e;
        skipped_place |= place;
        skipped_time |= !place;
    }
    words.extend(lower_words(ctx.slice(at..to)));
    if skipped_place {
        words.retain(|w| !matches!(w.as_str(), "in" | "at"));
    }
    if skipped_time {
        words.retain(|w| w != "on");
    }
    words
}

/// True when the trigger is the noun of a sentence-opening "During his/her/their/the (…) visit"
/// with no destination of its own: a pointer back at the visit told before.
fn during_own_visit(ctx: &Ctx<'_>, span: &Range<usize>) -> bool {
    let before = lower_words(ctx.slice(ctx.sent.start..span.start));
    let opens = before.first().is_some_and(|w| w == "during")
        && before
            .get(1)
            .is_some_and(|w| matches!(w.as_str(), "his" | "her" | "their" | "the" | "this"))
        && before.len() <= 4;
    let destination = ctx
        .slice(span.end..ctx.sent.end)
        .trim_start()
        .to_lowercase()
        .starts_with("to ");
    opens && !destination
}
