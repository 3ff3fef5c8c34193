//! What sort of place a site is, and the legal deadline that follows from it.

use chrono::NaiveDate;

use crate::domain::enums::string_enum;

string_enum! {
    /// The three kinds of place the law names.
    SiteKind {
        /// Offices, hospitals, schools and other public buildings.
        PublicBuilding = "public_building",
        /// Bus stations, stops, rail stations, ports.
        TransportStop = "transport_stop",
        /// Museums, monuments, heritage sites, venues.
        CulturalSite = "cultural_site",
    }
}

string_enum! {
    /// What sort of place within its kind.
    Subtype {
        /// Commune, district or provincial people's committee office.
        PeopleCommittee = "people_committee",
        /// Other state office.
        StateOffice = "state_office",
        /// Hospital.
        Hospital = "hospital",
        /// Commune health station or health centre.
        HealthStation = "health_station",
        /// Orthopaedic or rehabilitation centre (every patient room accessible, 2.5.3).
        RehabilitationCentre = "rehabilitation_centre",
        /// Nursing or convalescent centre (half the patient rooms accessible, 2.5.3).
        NursingCentre = "nursing_centre",
        /// School.
        School = "school",
        /// University or college.
        University = "university",
        /// Vocational school.
        VocationalSchool = "vocational_school",
        /// Post office.
        PostOffice = "post_office",
        /// Bank.
        Bank = "bank",
        /// Market.
        Market = "market",
        /// Hotel.
        Hotel = "hotel",
        /// Apartment building.
        ApartmentBuilding = "apartment_building",
        /// Bus station (terminal).
        BusStation = "bus_station",
        /// Bus stop or shelter.
        BusStop = "bus_stop",
        /// Railway station.
        RailStation = "rail_station",
        /// River or sea port.
        RiverPort = "river_port",
        /// Rest stop.
        RestStop = "rest_stop",
        /// Passenger hall of a border gate (Hữu Nghị, Tân Thanh, Chi Ma).
        BorderGate = "border_gate",
        /// Museum.
        Museum = "museum",
        /// Monument or memorial.
        Monument = "monument",
        /// Historic site.
        HistoricSite = "historic_site",
        /// Temple, pagoda, church.
        ReligiousSite = "religious_site",
        /// Cultural house.
        CulturalHouse = "cultural_house",
        /// Library.
        Library = "library",
        /// Theatre or cinema.
        Theatre = "theatre",
        /// Stadium or sports centre.
        Stadium = "stadium",
        /// Park or square.
        Park = "park",
        /// Any other public building.
        OtherBuilding = "other_building",
        /// Any other transport stop or station.
        OtherTransport = "other_transport",
        /// Any other cultural site.
        OtherCultural = "other_cultural",
    }
}

impl Subtype {
    /// The one kind this subtype belongs to.
    pub fn kind(self) -> SiteKind {
        use Subtype::*;
        match self {
            PeopleCommittee | StateOffice | Hospital | HealthStation | RehabilitationCentre
            | NursingCentre | School | University | VocationalSchool | PostOffice | Bank
            | Market | Hotel | ApartmentBuilding | OtherBuilding => SiteKind::PublicBuilding,
            BusStation | BusStop | RailStation | RiverPort | RestStop | BorderGate
            | OtherTransport => SiteKind::TransportStop,
            Museum | Monument | HistoricSite | ReligiousSite | CulturalHouse | Library
            | Theatre | Stadium | Park | OtherCultural => SiteKind::CulturalSite,
        }
    }

    /// True when this subtype may be used with `kind`.
    pub fn fits(self, kind: SiteKind) -> bool {
        self.kind() == kind
    }

    /// The subtype for anything else of `kind`.
    pub fn other(kind: SiteKind) -> Subtype {
        match kind {
            SiteKind::PublicBuilding => Subtype::OtherBuilding,
            SiteKind::TransportStop => Subtype::OtherTransport,
            SiteKind::CulturalSite => Subtype::OtherCultural,
        }
    }

    /// True for the "anything else" subtypes.
    pub fn is_other(self) -> bool {
        matches!(
            self,
            Subtype::OtherBuilding | Subtype::OtherTransport | Subtype::OtherCultural
        )
    }

    /// The subtypes allowed with `kind`, for forms.
    pub fn for_kind(kind: SiteKind) -> impl Iterator<Item = Subtype> {
        Subtype::ALL.iter().copied().filter(move |s| s.fits(kind))
    }

    /// The legal deadline for accessibility (Law 51/2010/QH12 Art. 40): 2020-01-01 for state
    /// offices, stations, health facilities, schools and culture and sports works;
    /// 2025-01-01 for all other public infrastructure.
    pub fn legal_deadline(self) -> NaiveDate {
        use Subtype::*;
        let year = match self {
            PeopleCommittee | StateOffice | Hospital | HealthStation | RehabilitationCentre
            | NursingCentre | School | University | VocationalSchool | BusStation | BusStop
            | RailStation | RiverPort | RestStop | Museum | Monument | HistoricSite
            | CulturalHouse | Library | Theatre | Stadium => 2020,
            PostOffice | Bank | Market | Hotel | ApartmentBuilding | BorderGate | ReligiousSite
            | Park | OtherBuilding | OtherTransport | OtherCultural => 2025,
        };
        NaiveDate::from_ymd_opt(year, 1, 1).expect("1 January exists")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subtype_fits_some_kind_and_has_a_deadline() {
        for subtype in Subtype::ALL {
            assert!(
                SiteKind::ALL.iter().any(|k| subtype.fits(*k)),
                "{subtype:?}"
            );
            assert!([2020, 2025].contains(&chrono::Datelike::year(&subtype.legal_deadline())));
        }
        assert_eq!(
            Subtype::Hospital.legal_deadline(),
            NaiveDate::from_ymd_opt(2020, 1, 1).expect("date")
        );
    }
}
