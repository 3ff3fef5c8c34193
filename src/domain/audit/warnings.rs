//! What an audit's inspector is asked to look at again on the section, right after saving,
//! and what its reviewer sees first: a length probably read in the wrong unit, a photo
//! taken far from the site, a photo the item's rule asks for and that is missing. None of
//! them refuses anything.

use uuid::Uuid;

use super::Audit;
use super::answer::probably_meant;
use super::sheet::Status;
use crate::domain::photo::camera_distance;

/// One thing to look at again, on one item.
#[derive(Debug, Clone, PartialEq)]
pub enum Warning {
    /// A length probably typed in the wrong unit: the value stored and the value probably
    /// meant, both in the item's unit.
    Implausible {
        /// The item's code.
        item: String,
        /// The value stored.
        value: f64,
        /// The value probably meant.
        meant: f64,
    },
    /// A photo whose camera position is far from the site.
    PhotoFar {
        /// The item's code.
        item: String,
        /// The photo.
        photo: Uuid,
        /// How far from the site, in metres.
        metres: f64,
    },
    /// An answered item whose photo rule asks for a photo that is not there.
    PhotoMissing {
        /// The item's code.
        item: String,
    },
}

impl Warning {
    /// The code of the item it is about.
    pub fn item(&self) -> &str {
        match self {
            Warning::Implausible { item, .. }
            | Warning::PhotoFar { item, .. }
            | Warning::PhotoMissing { item } => item,
        }
    }
}

impl Audit {
    /// The warnings of the items asked, in checklist order.
    pub fn warnings(&self) -> Vec<Warning> {
        let answers = self.item_answers();
        let sheet = self.sheet(&answers);
        let missing = sheet.missing_photos();
        let mut out = Vec::new();
        for item in self.checklist.items() {
            let asked = !matches!(
                sheet.status(item),
                Status::NotAsked | Status::SectionNotApplicable
            );
            if !asked {
                continue;
            }
            let code = &item.code;
            if let Some(value) = sheet.answer(code).and_then(|a| a.value)
                && let Some(meant) = probably_meant(item, value)
            {
                out.push(Warning::Implausible {
                    item: code.clone(),
                    value,
                    meant,
                });
            }
            for photo in self.photos.iter().filter(|p| p.item.as_ref() == Some(code)) {
                if let Some(far) =
                    camera_distance(self.site.location, photo.exif_position).filter(|d| d.far)
                {
                    out.push(Warning::PhotoFar {
                        item: code.clone(),
                        photo: photo.id,
                        metres: far.metres,
                    });
                }
            }
            if missing.contains(&code.as_str()) {
                out.push(Warning::PhotoMissing { item: code.clone() });
            }
        }
        out
    }
}
