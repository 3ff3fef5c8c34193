//! The closed sets a checklist item is described with: severity, basis, feature, gate,
//! photo rule and unit.

use crate::domain::enums::string_enum;

string_enum! {
    /// How much a failed item matters, the same in every checklist.
    Severity {
        /// A wheelchair user or a blind person cannot get in or use the main service.
        Critical = "critical",
        /// Possible only with help, or with danger.
        Major = "major",
        /// An inconvenience.
        Minor = "minor",
    }
}

string_enum! {
    /// Why an item is in the checklist.
    Basis {
        /// A clause of the Vietnamese code, read.
        Regulation = "regulation",
        /// An international reference filling a gap (ISO 21542, the 2010 ADA Standards).
        Standard = "standard",
        /// Good practice, no rule behind it.
        GoodPractice = "good_practice",
    }
}

string_enum! {
    /// The public feature group an item belongs to, as a visitor thinks of a place.
    Feature {
        /// Parking.
        Parking = "parking",
        /// Getting to the entrance.
        Approach = "approach",
        /// Entrance and doors.
        Entrance = "entrance",
        /// Corridors, inner doors, stairs.
        InsideRoutes = "inside_routes",
        /// Lifts.
        Lift = "lift",
        /// Toilets.
        Toilet = "toilet",
        /// Reception and counters.
        Counter = "counter",
        /// Signs and tactile information.
        Signage = "signage",
        /// Alarms and evacuation.
        Alarm = "alarm",
        /// Seating and wheelchair spaces.
        Seating = "seating",
        /// Boarding vehicles.
        Boarding = "boarding",
        /// Visiting exhibits, guides.
        Visit = "visit",
        /// Rooms to stay in: patient rooms, hotel rooms.
        Rooms = "rooms",
    }
}

string_enum! {
    #[derive(Default)]
    /// What an item's gate must show for the item to be asked.
    Gate {
        /// The gate passed (or an alternative was offered): the thing exists and is right.
        #[default]
        Passes = "passes",
        /// The gate, a count, has at least one provided, whether or not the required number
        /// is met: the rooms that exist are checked even when one is missing.
        AtLeastOne = "at_least_one",
    }
}

impl Gate {
    pub(super) fn is_passes(&self) -> bool {
        *self == Gate::Passes
    }
}

string_enum! {
    /// When a photo is expected.
    PhotoRule {
        /// Never needed.
        Never = "never",
        /// When the item fails.
        OnFail = "on_fail",
        /// Always.
        Always = "always",
    }
}

string_enum! {
    /// Unit of a measured item.
    Unit {
        /// Millimetres.
        Mm = "mm",
        /// Metres.
        M = "m",
        /// Per cent.
        Percent = "percent",
        /// Rise over run, written `1:12`; stored as the fraction.
        Ratio = "ratio",
        /// Seconds.
        Seconds = "seconds",
        /// An absolute sound level, dB(A).
        DbLevel = "db_level",
        /// How far a sound rises above the background, in dB.
        DbAbove = "db_above",
        /// Decibels of either kind: only in checklist versions stored before the unit was
        /// split; new files must say `db_level` or `db_above`.
        Db = "db",
    }
}

impl Unit {
    /// The largest sensible value in this unit, to catch typos such as a 90000 mm door.
    pub fn ceiling(self) -> f64 {
        match self {
            Unit::Mm => 100_000.0,
            Unit::M => 1_000.0,
            Unit::Percent => 100.0,
            Unit::Ratio => 1.0,
            Unit::Seconds => 3_600.0,
            Unit::DbLevel => 200.0,
            Unit::DbAbove => 100.0,
            Unit::Db => 200.0,
        }
    }
}
