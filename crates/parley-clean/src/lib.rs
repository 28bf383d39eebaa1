//! tmp
mod html;
mod render;
pub struct Article { pub text: String }
pub fn html_to_article(html: &str) -> Result<Article, ()> { Ok(Article{text: html.to_string()}) }
#[doc(hidden)]
pub fn debug_candidates(html: &str) -> Vec<(&'static str, Vec<(String, String)>)> {
    let c = html::candidates(html);
    let f = |v: Vec<render::Block>| v.into_iter().map(|b| (b.tag, b.text)).collect();
    vec![("tr", f(c.traf_recall)), ("tb", f(c.traf_balanced)), ("ds", f(c.smoothie))]
}
