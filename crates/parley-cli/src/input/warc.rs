//! WARC (CC-NEWS's format): `response` records with an HTML page become documents. The HTTP
//! headers are stripped; the URL comes from `WARC-Target-URI`, the capture date (`WARC-Date`) is
//! the fallback publication date. Plain or gzip files, gzip per record included (the caller
//! decompresses: see [`super::open`]).

use std::io::{BufRead, Read};

use anyhow::Result;
use warc::{WarcHeader, WarcReader};

use super::{decode, host_of, RawDoc};

/// Streams the HTML responses of a WARC source. Records that are not successful HTML responses
/// (requests, metadata, redirects, images) are passed over silently; a malformed record is an
/// error naming `name` and the record number, and ends the file when the stream cannot be
/// re-synchronised.
pub fn records<R: BufRead>(reader: R, name: String) -> impl Iterator<Item = Result<RawDoc>> {
    let mut it = WarcReader::new(reader).iter_raw_records();
    let mut n = 0usize;
    let mut failed = false;
    std::iter::from_fn(move || loop {
        if failed {
            return None;
        }
        let (header, body) = match it.next()? {
            Ok(x) => x,
            Err(e) => {
                n += 1;
                let fatal = matches!(
                    e,
                    warc::Error::ParseHeaders(_)
                        | warc::Error::ReadData(_)
                        | warc::Error::ReadOverflow
                        | warc::Error::UnexpectedEOB
                );
                failed = fatal;
                let rest = if fatal {
                    "; rest of the file skipped"
                } else {
                    ""
                };
                return Some(Err(anyhow::anyhow!("{name}: WARC record {n}: {e}{rest}")));
            }
        };
        n += 1;
        let h = |k: WarcHeader| {
            header
                .headers
                .get(&k)
                .map(|v| String::from_utf8_lossy(v).trim().to_string())
        };
        let is_response =
            h(WarcHeader::WarcType).is_some_and(|t| t.eq_ignore_ascii_case("response"));
        if !is_response {
            continue;
        }
        let Some(url) = h(WarcHeader::TargetURI).filter(|u| !u.is_empty()) else {
            return Some(Err(anyhow::anyhow!(
                "{name}: WARC record {n}: a response without WARC-Target-URI; skipped"
            )));
        };
        let where_ = format!("{name}: WARC record {n} ({url})");
        let Some(page) = http_html(&body, &where_) else {
            continue;
        };
        let page = match page {
            Ok(p) => p,
            Err(e) => return Some(Err(e)),
        };
        let bytes = page.len() as u64;
        let (raw, lossy) = match decode(page, &where_) {
            Ok(x) => x,
            Err(e) => return Some(Err(e)),
        };
        let captured = h(WarcHeader::Date).and_then(|d| parley_time::parse_iso_date(&d));
        return Some(Ok(RawDoc {
            id: url.clone(),
            raw,
            html: true,
            published: None,
            fallback_published: captured,
            lossy,
            outlet: host_of(&url),
            url: Some(url),
            title: None,
            bytes,
        }));
    })
}

/// The HTML body of an HTTP response: `None` for responses that are not a successful HTML page,
/// an error for a body that cannot be decoded.
fn http_html(body: &[u8], where_: &str) -> Option<Result<Vec<u8>>> {
    let (head, payload) = split_http(body)?;
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    if status != 200 {
        return None;
    }
    let mut ctype = None;
    let mut gzip = false;
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let k = k.trim();
            if k.eq_ignore_ascii_case("content-type") {
                ctype = Some(v.trim().to_ascii_lowercase());
            } else if k.eq_ignore_ascii_case("content-encoding") {
                gzip = v.trim().eq_ignore_ascii_case("gzip");
            }
        }
    }
    let payload = if gzip {
        let mut out = Vec::new();
        if let Err(e) = flate2::read::MultiGzDecoder::new(payload).read_to_end(&mut out) {
            return Some(Err(anyhow::anyhow!(
                "{where_}: the gzip-encoded page cannot be decoded: {e}"
            )));
        }
        out
    } else {
        payload.to_vec()
    };
    let html = match ctype {
        Some(c) => c.contains("html"),
        None => parley_clean::looks_like_html(&String::from_utf8_lossy(
            payload.get(..payload.len().min(4096)).unwrap_or(&[]),
        )),
    };
    html.then_some(Ok(payload))
}

/// Splits an HTTP message into its header block and its body.
fn split_http(body: &[u8]) -> Option<(&[u8], &[u8])> {
    if !body.starts_with(b"HTTP/") {
        return None;
    }
    let crlf = body
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, 4));
    let lf = body.windows(2).position(|w| w == b"\n\n").map(|i| (i, 2));
    let (i, n) = match (crlf, lf) {
        (Some(a), Some(b)) => {
            if a.0 <= b.0 {
                a
            } else {
                b
            }
        }
        (Some(a), None) => a,
        (None, Some(b)) => b,
        (None, None) => return None,
    };
    Some((body.get(..i)?, body.get(i + n..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_split_and_filter() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><p>Hi</p></html>";
        let page = http_html(ok, "t").expect("html").expect("decodes");
        assert_eq!(page, b"<html><p>Hi</p></html>");
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n";
        assert!(http_html(redirect, "t").is_none());
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(http_html(image, "t").is_none());
        assert!(http_html(b"garbage", "t").is_none());
    }
}
