//! Comparing people's names across spellings: the same person is written "Serdar Kılıç" by one
//! outlet and "Serdar Kilic" by another. Used where names written by different hands are
//! compared (the evaluation against gold files); the extraction itself keeps names as written.

/// The name in lower case with Latin diacritics removed ("Kılıç" → "kilic", "Nicolás" →
/// "nicolas", "Çavuşoğlu" → "cavusoglu"). Characters outside the Latin script are kept as they
/// are, lower-cased.
pub fn fold_name(name: &str) -> String {
    name.chars()
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect()
}

/// One lower-case character without its diacritic.
fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        // "Hasan Rowhani" vs "Hassan Rouhani" is a transliteration, not a diacritic: not folded.
        '\u{2019}' | '`' | '\u{2018}' => '\'',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::fold_name;

    #[test]
    fn diacritics_and_case_fold_away() {
        assert_eq!(fold_name("Serdar Kılıç"), fold_name("Serdar Kilic"));
        assert_eq!(fold_name("Mevlüt Çavuşoğlu"), "mevlut cavusoglu");
        assert_eq!(fold_name("NICOLÁS Maduro"), "nicolas maduro");
        assert_ne!(fold_name("Ali"), fold_name("Aliyev"));
        assert_eq!(fold_name("Владимир"), "владимир");
    }
}
