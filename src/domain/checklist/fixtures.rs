#![cfg(test)]
//! The checklists unit tests are written against: two small ones, and the shipped set.

use std::path::{Path, PathBuf};

use super::{Checklist, parse, parse_set};

/// A small checklist with gates: an entrance, and an optional toilet section whose
/// details require the first item.
pub const GATED: &str = r#"
id = "t"
version = 1
title = { vi = "T", en = "T" }
applies_to = ["public_building"]
subtypes = ["school"]
regulation = "QCVN 10:2024/BXD"
in_force = 2025-02-01

[[section]]
code = "entrance"
title = { vi = "Lối vào", en = "Entrance" }
  [[section.item]]
  code = "entrance.door"
  text = { vi = "Cửa", en = "Door" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "2.2"
  basis = "regulation"
  feature = "entrance"
  severity = "critical"
  answer = { measure = "mm", min = 900 }
  guidance = { vi = "Đo bằng thước", en = "Measure with a tape" }
  photo = "on_fail"
  verified = true
  [[section.item]]
  code = "entrance.photo"
  text = { vi = "Ảnh", en = "Photo" }
  clause = "2.2"
  basis = "good_practice"
  feature = "entrance"
  severity = "minor"
  answer = "yes_no"
  photo = "always"
  verified = false

[[section]]
code = "toilet"
title = { vi = "WC", en = "Toilet" }
optional = true
question = { vi = "Có WC?", en = "Any toilet?" }
  [[section.item]]
  code = "toilet.present"
  text = { vi = "Có", en = "Present" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "2.5"
  basis = "regulation"
  feature = "toilet"
  severity = "major"
  answer = "yes_no"
  photo = "never"
  verified = true
  alternative = { vi = "Khác", en = "Other" }
  [[section.item]]
  code = "toilet.bar"
  text = { vi = "Tay vịn", en = "Bar" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "2.5"
  basis = "regulation"
  feature = "toilet"
  severity = "major"
  answer = "yes_no"
  photo = "on_fail"
  verified = true
  requires = "toilet.present"
  [[section.item]]
  code = "toilet.bar_height"
  text = { vi = "Cao", en = "Height" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "2.5"
  basis = "regulation"
  feature = "toilet"
  severity = "minor"
  answer = { measure = "mm", min = 700, max = 900 }
  guidance = { vi = "Đo bằng thước", en = "Measure with a tape" }
  photo = "never"
  verified = true
  requires = "toilet.bar"
"#;

/// A checklist of every answer type: measures (one with a tolerance), yes or no with an
/// alternative, an advisory item that may not apply, and an optional section with a count.
pub const MEASURED: &str = r#"
id = "t"
version = 1
regulation = "QCVN 10:2024/BXD"
in_force = 2025-02-01
applies_to = ["public_building"]
subtypes = ["school"]
title = { vi = "T", en = "T" }

[[section]]
code = "entrance"
title = { vi = "Lối vào", en = "Entrance" }
  [[section.item]]
  code = "entrance.door"
  text = { vi = "Cửa", en = "Door" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "2.2"
  basis = "regulation"
  feature = "entrance"
  severity = "critical"
  answer = { measure = "mm", min = 900 }
  guidance = { vi = "Đo bằng thước", en = "Measure with a tape" }
  photo = "on_fail"
  verified = true
  [[section.item]]
  code = "entrance.lift_door_time"
  text = { vi = "Cửa thang máy mở hơn 20 giây", en = "Lift door open more than 20 s" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "2.4.3"
  basis = "regulation"
  feature = "lift"
  severity = "major"
  answer = { measure = "seconds", more_than = 20 }
  guidance = { vi = "Bấm giờ", en = "Time it" }
  photo = "never"
  verified = true
  [[section.item]]
  code = "entrance.handrail"
  text = { vi = "Tay vịn", en = "Handrail" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "2.2"
  basis = "regulation"
  feature = "entrance"
  severity = "minor"
  answer = { measure = "mm", min = 850, max = 950, tolerance = 20, tolerance_clause = "2.2.9" }
  guidance = { vi = "Đo bằng thước", en = "Measure with a tape" }
  photo = "never"
  verified = true
  [[section.item]]
  code = "entrance.ramp"
  text = { vi = "Dốc", en = "Ramp" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "2.2"
  basis = "regulation"
  feature = "approach"
  severity = "major"
  answer = "yes_no"
  photo = "never"
  verified = true
  alternative = { vi = "Dốc di động", en = "Portable ramp" }
  [[section.item]]
  code = "entrance.bell"
  text = { vi = "Chuông", en = "Bell" }
  clause = "ADA"
  basis = "standard"
  feature = "entrance"
  severity = "minor"
  answer = "yes_no"
  photo = "never"
  verified = false
  not_applicable = true

[[section]]
code = "parking"
title = { vi = "Đỗ xe", en = "Parking" }
optional = true
question = { vi = "Có bãi đỗ?", en = "Parking?" }
  [[section.item]]
  code = "parking.spaces"
  text = { vi = "Chỗ đỗ", en = "Spaces" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "2.1"
  basis = "regulation"
  feature = "parking"
  severity = "major"
  answer = { count = "table", total = { vi = "tổng", en = "total" }, provided = { vi = "cho NKT", en = "accessible" }, rows = [[5, 0], [50, 1], [100, 2]], over = { above = 100, required = 3, per = 100 } }
  guidance = { vi = "Đo bằng thước", en = "Measure with a tape" }
  photo = "never"
  verified = true
"#;

/// A quota and the detail of what is provided: a hotel's accessible rooms (5 %, at least
/// one) and the space beside the bed of the rooms that exist, asked for hotels only.
pub const QUOTA: &str = r#"
id = "q"
version = 1
title = { vi = "Q", en = "Q" }
applies_to = ["public_building"]
subtypes = ["hotel", "school"]
regulation = "QCVN 10:2024/BXD"
in_force = 2025-02-01

[[section]]
code = "rooms"
title = { vi = "Buồng", en = "Rooms" }
  [[section.item]]
  code = "rooms.accessible"
  text = { vi = "Buồng cho NKT", en = "Accessible rooms" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "QCVN 10:2024/BXD 2.5.4"
  basis = "regulation"
  feature = "rooms"
  severity = "major"
  answer = { count = "share", percent = 5, at_least = 1, total = { vi = "buồng", en = "rooms" }, provided = { vi = "cho NKT", en = "accessible" } }
  guidance = { vi = "Đếm", en = "Count" }
  photo = "never"
  verified = true
  subtypes = ["hotel"]
  [[section.item]]
  code = "rooms.bedside"
  text = { vi = "Khoảng trống 1400 x 1400 mm cạnh giường", en = "A 1400 x 1400 mm space beside the bed" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "QCVN 10:2024/BXD 2.5.4"
  basis = "regulation"
  feature = "rooms"
  severity = "major"
  answer = "yes_no"
  guidance = { vi = "Đặt thước gấp 1,4 m theo hai chiều", en = "Lay a 1.4 m folding rule both ways" }
  photo = "on_fail"
  verified = true
  subtypes = ["hotel"]
  requires = { item = "rooms.accessible", when = "at_least_one" }
  [[section.item]]
  code = "rooms.signs"
  text = { vi = "Biển báo", en = "Signs" }
  barrier = { vi = "Rào cản", en = "Barrier" }
  clause = "QCVN 10:2024/BXD 2.9"
  basis = "regulation"
  feature = "signage"
  severity = "minor"
  answer = "yes_no"
  photo = "never"
  verified = true
"#;

/// `text` (one of the fixtures above) as a checklist.
pub fn checklist(text: &str) -> Checklist {
    parse(Path::new("t.toml"), text).expect("a good file")
}

/// The folder of the shipped checklists.
pub fn shipped_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/checklists"))
}

/// The shipped checklist files with their texts, in name order.
pub fn shipped_files() -> Vec<(PathBuf, String)> {
    let mut files: Vec<(PathBuf, String)> = std::fs::read_dir(shipped_dir())
        .expect("read the checklists folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("read");
            (p, text)
        })
        .collect();
    files.sort();
    files
}

/// The shipped checklists, parsed and checked as a set.
pub fn shipped() -> Vec<Checklist> {
    let files = shipped_files()
        .into_iter()
        .map(|(p, t)| (p, Ok(t)))
        .collect();
    parse_set(shipped_dir(), files).expect("the shipped set")
}
