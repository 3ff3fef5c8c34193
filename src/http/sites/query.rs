//! The site list's query string, shared by the API and the list page.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::domain::geo::{Bbox, Coordinates, parse_position};
use crate::domain::search::Words;
use crate::domain::site::{Site, SiteKind};
use crate::domain::validation::FieldErrors;
use crate::http::paging::{self, PageSize, param};
use crate::store::sites::Filter;

/// Page sizes of the site list.
const PAGE: PageSize = PageSize {
    default: 50,
    max: 500,
};

/// The list query as sent; every field is checked and refused by name.
#[derive(Debug, Default, Clone, Deserialize, Serialize)]
pub(super) struct ListQuery {
    pub bbox: Option<String>,
    pub kind: Option<String>,
    pub area: Option<String>,
    pub q: Option<String>,
    pub limit: Option<String>,
    pub after: Option<String>,
    /// `LAT,LON`: the sites nearest to this position, nearest first (no further pages).
    pub near: Option<String>,
}

impl ListQuery {
    /// The position to sort by, if one was sent.
    pub(super) fn near(&self) -> Result<Option<Coordinates>, FieldErrors> {
        let mut errors = FieldErrors::default();
        let near = param(&self.near).and_then(|n| errors.take("near", parse_position(n)));
        errors.into_result(|| near)
    }

    /// The store filter, or every problem with the query.
    pub(super) fn filter(&self) -> Result<Filter, FieldErrors> {
        let mut errors = FieldErrors::default();
        let bbox = param(&self.bbox).and_then(|b| errors.take("bbox", b.parse::<Bbox>()));
        let kind = param(&self.kind).and_then(|k| errors.take("kind", SiteKind::parse(k)));
        let area = paging::cursor::<Uuid>(&mut errors, "area", param(&self.area));
        let after = paging::cursor::<Uuid>(&mut errors, "after", param(&self.after));
        let limit = PAGE.read(&mut errors, param(&self.limit));
        let q = param(&self.q).map(Words::parse);
        errors.into_result(|| Filter {
            nearest_to: None,
            bbox,
            kind,
            area,
            q,
            after,
            limit,
        })
    }

    /// The query string of the page after this one, when this one was full.
    pub(super) fn next(&self, page: &[Site], limit: u32) -> Option<String> {
        paging::next_page(page, limit, |last| ListQuery {
            after: Some(last.id.to_string()),
            ..self.clone()
        })
    }
}
