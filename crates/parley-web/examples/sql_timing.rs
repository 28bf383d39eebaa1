//! Times one SQL query on a store with the SQLite bundled in parley (the system `sqlite3` may
//! plan differently), after printing its query plan. Used for the store figures in
//! bench/results/web.md:
//!
//! ```sh
//! cargo run --release -p parley-web --example sql_timing -- STORE.db "SELECT ... ?1 ..." PARAM...
//! ```
//!
//! The database is opened read-only; every row is fetched and counted, none printed.

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(db), Some(sql)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: sql_timing STORE.db SQL [PARAM...]");
    };
    let params: Vec<String> = args.collect();
    let conn =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    println!("sqlite {}", rusqlite::version());
    let mut plan = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let mut rows = plan.query(rusqlite::params_from_iter(params.iter()))?;
    while let Some(r) = rows.next()? {
        println!("  {}", r.get::<_, String>(3)?);
    }
    let t = std::time::Instant::now();
    let mut st = conn.prepare(&sql)?;
    let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
    let mut n = 0u64;
    while rows.next()?.is_some() {
        n += 1;
    }
    println!("  {n} rows in {:.3} s", t.elapsed().as_secs_f64());
    Ok(())
}
