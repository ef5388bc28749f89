//! The tile cartogram of the departments: one square per department, placed so that
//! neighbours stay roughly neighbours. The layout is the project's own judgment (no official
//! tile grid exists): metropolitan France on 12 columns and 13 rows, Corsica at the south-east,
//! the five overseas departments on a row of their own.

/// (department code, column, row).
pub(crate) const TILES: [(&str, u8, u8); 101] = [
    ("62", 5, 0),
    ("59", 6, 0),
    ("76", 4, 1),
    ("80", 5, 1),
    ("02", 6, 1),
    ("08", 7, 1),
    ("50", 2, 2),
    ("14", 3, 2),
    ("27", 4, 2),
    ("60", 5, 2),
    ("51", 7, 2),
    ("55", 8, 2),
    ("57", 9, 2),
    ("67", 10, 2),
    ("29", 0, 3),
    ("22", 1, 3),
    ("35", 2, 3),
    ("61", 3, 3),
    ("78", 4, 3),
    ("95", 5, 3),
    ("93", 6, 3),
    ("54", 8, 3),
    ("88", 9, 3),
    ("68", 10, 3),
    ("56", 1, 4),
    ("53", 2, 4),
    ("72", 3, 4),
    ("28", 4, 4),
    ("92", 5, 4),
    ("75", 6, 4),
    ("94", 7, 4),
    ("52", 8, 4),
    ("70", 9, 4),
    ("90", 10, 4),
    ("44", 1, 5),
    ("49", 2, 5),
    ("37", 3, 5),
    ("41", 4, 5),
    ("91", 5, 5),
    ("77", 6, 5),
    ("10", 7, 5),
    ("21", 8, 5),
    ("25", 9, 5),
    ("85", 1, 6),
    ("79", 2, 6),
    ("86", 3, 6),
    ("36", 4, 6),
    ("45", 5, 6),
    ("89", 6, 6),
    ("58", 7, 6),
    ("71", 8, 6),
    ("39", 9, 6),
    ("01", 10, 6),
    ("74", 11, 6),
    ("17", 2, 7),
    ("16", 3, 7),
    ("87", 4, 7),
    ("18", 5, 7),
    ("03", 6, 7),
    ("42", 7, 7),
    ("69", 8, 7),
    ("38", 9, 7),
    ("73", 10, 7),
    ("33", 2, 8),
    ("24", 3, 8),
    ("19", 4, 8),
    ("23", 5, 8),
    ("63", 6, 8),
    ("43", 7, 8),
    ("07", 8, 8),
    ("26", 9, 8),
    ("05", 10, 8),
    ("40", 2, 9),
    ("47", 3, 9),
    ("46", 4, 9),
    ("15", 5, 9),
    ("12", 6, 9),
    ("48", 7, 9),
    ("30", 8, 9),
    ("84", 9, 9),
    ("04", 10, 9),
    ("06", 11, 9),
    ("64", 2, 10),
    ("32", 3, 10),
    ("82", 4, 10),
    ("81", 5, 10),
    ("34", 7, 10),
    ("13", 9, 10),
    ("83", 10, 10),
    ("65", 3, 11),
    ("31", 4, 11),
    ("11", 6, 11),
    ("2B", 11, 11),
    ("09", 4, 12),
    ("66", 6, 12),
    ("2A", 11, 12),
    ("971", 0, 14),
    ("972", 1, 14),
    ("973", 2, 14),
    ("974", 3, 14),
    ("976", 4, 14),
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_department_of_the_map_has_its_own_tile() {
        let map: BTreeSet<&str> = parcours_batch::geography::Geography::france()
            .departments
            .iter()
            .map(|d| &*d.code)
            .collect();
        let tiles: BTreeSet<&str> = TILES.iter().map(|t| t.0).collect();
        assert_eq!(tiles, map);
        let places: BTreeSet<(u8, u8)> = TILES.iter().map(|t| (t.1, t.2)).collect();
        assert_eq!(places.len(), TILES.len(), "no two departments on one tile");
    }
}
