fn main() {
    let s = std::env::args().nth(1).unwrap_or_default();
    for t in parley_time::find_time_expressions(&s) {
        println!("{:?} {:?}", &s[t.start..t.end], t.expr);
    }
}
