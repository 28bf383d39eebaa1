//! Charts drawn as SVG on the server: the timeline (stacked bars per period and type, planned
//! events outlined and hatched) and the network (actors on a circle, edges weighted by the
//! number of events, mediators marked). Labels go through [`esc`].

use std::collections::BTreeMap;

use parley_core::EventType;

use crate::db::{Bucket, Granularity, Pair};
use crate::html::{esc, qs};

/// CSS class of an event type (colours are in the stylesheet).
pub fn type_class(t: &str) -> &'static str {
    match t {
        "call" => "t-call",
        "meeting" => "t-meeting",
        "visit" => "t-visit",
        "negotiation" => "t-negotiation",
        "mediation" => "t-mediation",
        "correspondence" => "t-correspondence",
        _ => "t-other",
    }
}

/// Every period label between `first` and `last` inclusive, so the x axis is proportional to
/// time (empty periods get no bar). Falls back to the labels seen when the labels do not parse
/// or the range is too long to draw.
fn periods(g: Granularity, seen: &[String]) -> Vec<String> {
    let (Some(first), Some(last)) = (seen.first(), seen.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match g {
        Granularity::Year => {
            if let (Ok(a), Ok(b)) = (first.parse::<i32>(), last.parse::<i32>()) {
                out = (a..=b).map(|y| y.to_string()).collect();
            }
        }
        Granularity::Month => {
            let ym = |s: &str| -> Option<(i32, u32)> {
                Some((s.get(0..4)?.parse().ok()?, s.get(5..7)?.parse().ok()?))
            };
            if let (Some((mut y, mut m)), Some(end)) = (ym(first), ym(last)) {
                while (y, m) <= end && out.len() < 2000 {
                    out.push(format!("{y:04}-{m:02}"));
                    m += 1;
                    if m > 12 {
                        m = 1;
                        y += 1;
                    }
                }
            }
        }
        Granularity::Day => {
            let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
            if let (Some(mut a), Some(b)) = (d(first), d(last)) {
                while a <= b && out.len() < 2000 {
                    out.push(a.to_string());
                    match a.succ_opt() {
                        Some(n) => a = n,
                        None => break,
                    }
                }
            }
        }
    }
    if out.is_empty() || out.len() >= 2000 {
        return seen.to_vec();
    }
    out
}

/// The timeline chart. A bar links to `base` with the query pairs `link` gives for its period
/// (the filter narrowed to that period: the zoom).
pub fn timeline(
    buckets: &[Bucket],
    g: Granularity,
    base: &str,
    link: &dyn Fn(&str) -> Vec<(String, String)>,
) -> String {
    let mut labels: Vec<String> = buckets.iter().map(|b| b.period.clone()).collect();
    labels.sort();
    labels.dedup();
    let all = periods(g, &labels);
    if all.is_empty() {
        return "<p class=\"empty\">No dated events match.</p>".into();
    }
    // period -> type -> (occurred, not occurred)
    let mut m: BTreeMap<&str, BTreeMap<&str, (u64, u64)>> = BTreeMap::new();
    for b in buckets {
        let c = m
            .entry(b.period.as_str())
            .or_default()
            .entry(b.kind.as_str())
            .or_default();
        if b.status == "occurred" {
            c.0 += b.events;
        } else {
            c.1 += b.events;
        }
    }
    let max = m
        .values()
        .map(|t| t.values().map(|(a, b)| a + b).sum::<u64>())
        .max()
        .unwrap_or(1)
        .max(1);
    let (w, h, left, bottom, top) = (900.0_f64, 260.0_f64, 40.0_f64, 40.0_f64, 10.0_f64);
    let plot_w = w - left - 10.0;
    let plot_h = h - bottom - top;
    let n = all.len() as f64;
    let step = plot_w / n;
    let bar = (step * 0.8).max(1.0);
    let mut s = format!(
        "<svg class=\"chart timeline\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Interactions over time\" xmlns=\"http://www.w3.org/2000/svg\">\
<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" class=\"hatch\"/></pattern></defs>"
    );
    // y axis: 0, max/2, max
    for frac in [0.0, 0.5, 1.0] {
        let y = top + plot_h * (1.0 - frac);
        let v = (max as f64 * frac).round();
        s.push_str(&format!("<line class=\"grid\" x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/><text class=\"axis\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{v}</text>", w - 10.0, left - 4.0, y + 4.0));
    }
    let label_every = ((n / 12.0).ceil() as usize).max(1);
    for (i, p) in all.iter().enumerate() {
        let x = left + step * i as f64 + (step - bar) / 2.0;
        let mut y = top + plot_h;
        if let Some(types) = m.get(p.as_str()) {
            let href = esc(&format!("{base}{}", qs(&link(p))));
            s.push_str(&format!(
                "<a class=\"bar\" href=\"{href}\" data-period=\"{}\">",
                esc(p)
            ));
            for t in EventType::ALL {
                let Some((occ, other)) = types.get(t.as_str()) else {
                    continue;
                };
                for (count, planned) in [(*occ, false), (*other, true)] {
                    if count == 0 {
                        continue;
                    }
                    let bh = plot_h * count as f64 / max as f64;
                    y -= bh;
                    let what = if planned {
                        "planned, cancelled or denied"
                    } else {
                        "occurred"
                    };
                    let cls = format!(
                        "{}{}",
                        type_class(t.as_str()),
                        if planned { " planned" } else { "" }
                    );
                    s.push_str(&format!(
                        "<rect class=\"{cls}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\"><title>{}: {count} {} ({what})</title></rect>",
                        esc(p),
                        t.as_str()
                    ));
                    if planned {
                        s.push_str(&format!("<rect class=\"hatched\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" fill=\"url(#hatch)\"/>"));
                    }
                }
            }
            s.push_str("</a>");
        }
        if i % label_every == 0 {
            s.push_str(&format!(
                "<text class=\"axis\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                x + bar / 2.0,
                h - bottom + 16.0,
                esc(p)
            ));
        }
    }
    s.push_str("</svg>");
    s.push_str("<p class=\"legend\">");
    for t in EventType::ALL {
        s.push_str(&format!(
            "<span class=\"key {}\"></span>{} ",
            type_class(t.as_str()),
            t.as_str()
        ));
    }
    s.push_str("<span class=\"key planned\"></span>planned / cancelled / denied (outlined, hatched) · click a bar to zoom in</p>");
    s
}

/// The network chart: actors on a circle (most connected first), an edge per pair with width
/// by number of events, mediators drawn as squares. Nodes link to the actor's timeline, edges
/// to the pair's events.
pub fn network(
    pairs: &[Pair],
    mediators: &[String],
    node_link: &dyn Fn(&str) -> String,
    edge_link: &dyn Fn(&str, &str) -> String,
) -> String {
    if pairs.is_empty() {
        return "<p class=\"empty\">No two actors share an event here.</p>".into();
    }
    let mut weight: BTreeMap<&str, u64> = BTreeMap::new();
    for p in pairs {
        *weight.entry(p.a.as_str()).or_default() += p.events;
        *weight.entry(p.b.as_str()).or_default() += p.events;
    }
    let mut nodes: Vec<(&str, u64)> = weight.into_iter().collect();
    nodes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (w, h) = (900.0_f64, 640.0_f64);
    let (cx, cy, r) = (w / 2.0, h / 2.0, 250.0_f64);
    let n = nodes.len() as f64;
    let pos: BTreeMap<&str, (f64, f64)> = nodes
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            let a = std::f64::consts::TAU * i as f64 / n - std::f64::consts::FRAC_PI_2;
            (*name, (cx + r * a.cos(), cy + r * a.sin()))
        })
        .collect();
    let maxw = pairs.iter().map(|p| p.events).max().unwrap_or(1).max(1) as f64;
    let maxn = nodes.first().map(|x| x.1).unwrap_or(1).max(1) as f64;
    let mut s = format!("<svg class=\"chart network\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"Who talks to whom\" xmlns=\"http://www.w3.org/2000/svg\">");
    for p in pairs {
        let (Some(a), Some(b)) = (pos.get(p.a.as_str()), pos.get(p.b.as_str())) else {
            continue;
        };
        let sw = 1.5 + 8.0 * (p.events as f64 / maxw);
        s.push_str(&format!(
            "<a class=\"edge\" href=\"{}\" data-a=\"{}\" data-b=\"{}\"><line class=\"hit\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\"/><line class=\"line\" x1=\"{:.1}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke-width=\"{sw:.1}\"/><title>{} – {}: {} events</title></a>",
            esc(&edge_link(&p.a, &p.b)),
            esc(&p.a),
            esc(&p.b),
            a.0, a.1, b.0, b.1, a.0, a.1, b.0, b.1,
            esc(&p.a),
            esc(&p.b),
            p.events
        ));
    }
    for (name, wt) in &nodes {
        let Some((x, y)) = pos.get(name) else {
            continue;
        };
        let rad = 5.0 + 12.0 * (*wt as f64 / maxn).sqrt();
        let mediator = mediators.iter().any(|m| m == name);
        let shape = if mediator {
            format!("<rect class=\"node mediator\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\"/>", x - rad, y - rad, 2.0 * rad, 2.0 * rad)
        } else {
            format!("<circle class=\"node\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{rad:.1}\"/>")
        };
        // Labels outside the circle, anchored away from the centre so they do not cover edges.
        let anchor = if *x < cx - 1.0 {
            "end"
        } else if *x > cx + 1.0 {
            "start"
        } else {
            "middle"
        };
        let lx = x + (x - cx) / r * (rad + 6.0);
        let ly = y + (y - cy) / r * (rad + 6.0) + 4.0;
        s.push_str(&format!(
            "<a class=\"actor\" href=\"{}\" data-name=\"{}\">{shape}<text class=\"label\" x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"{anchor}\">{}</text><title>{}: {wt} events{}</title></a>",
            esc(&node_link(name)),
            esc(name),
            esc(name),
            esc(name),
            if mediator { " (mediator)" } else { "" }
        ));
    }
    s.push_str("</svg><p class=\"legend\"><span class=\"key node\"></span>actor (size: events) <span class=\"key mediator\"></span>mediator (hosted or mediated talks of three or more parties) · line width: events together · click an actor for their timeline, a line for the events</p>");
    s
}
