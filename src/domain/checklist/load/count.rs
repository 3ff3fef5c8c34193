//! Counted answers: a table of rows with an open end, a share, or one per so many.

use toml::value::Table;

use super::answer::Reading;
use crate::domain::checklist::{Answer, Count, Over, Requirement, Step};

impl Reading<'_, '_> {
    pub(super) fn count(&mut self, table: &Table) -> Option<Answer> {
        let rule = table
            .get("count")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let requirement = match rule {
            "table" => {
                self.only(table, &["count", "total", "provided", "rows", "over"]);
                self.table(table)
            }
            "share" => {
                self.only(
                    table,
                    &[
                        "count", "total", "provided", "percent", "at_least", "up_to", "over",
                    ],
                );
                self.share(table)
            }
            "per" => {
                self.only(table, &["count", "total", "provided", "per"]);
                match self.whole(table.get("per"), "per") {
                    Some(0) => {
                        self.fail("`per` must be at least 1");
                        None
                    }
                    Some(per) => Some(Requirement::Per { per }),
                    None => None,
                }
            }
            other => {
                self.fail(format!(
                    "unknown count rule `{other}` (allowed: table, share, per)"
                ));
                None
            }
        };
        let total = self.text(table, "total");
        let provided = self.text(table, "provided");
        let count = Count {
            total: total?,
            provided: provided?,
            requirement: requirement?,
        };
        self.ok.then_some(Answer::Count(count))
    }

    /// The open end: `over = { above = N, required = R, per = P }`, read as "above N, R,
    /// and one more for each full further P" (QCVN's "over 600: 6 plus 1 per further
    /// 200": 800 seats need 7). `above` is the last total of the rows (or the share).
    fn over(&mut self, table: &Table, last: Option<u32>) -> Option<Option<Over>> {
        let Some(value) = table.get("over") else {
            return Some(None);
        };
        let shape = "`over` must be { above = N, required = N, per = N }";
        let Some(over) = value.as_table() else {
            self.fail(shape);
            return None;
        };
        if over.contains_key("from") {
            self.fail(
                "`over.from` is no longer read: say `above = N`, the last total of the rows, \
                 so every table is read the same way (above N, one more per full further P)",
            );
            return None;
        }
        self.only(over, &["above", "required", "per"]);
        let above = self.whole(over.get("above"), "over.above")?;
        let required = self.whole(over.get("required"), "over.required")?;
        let per = self.whole(over.get("per"), "over.per")?;
        if per == 0 {
            self.fail("`over.per` must be at least 1");
            return None;
        }
        if let Some(last) = last
            && above != last
        {
            self.fail(format!(
                "`over.above` must be the last total of the rows ({last}), not {above}"
            ));
            return None;
        }
        // Further brackets are counted from `above`: `above + per` needs `required + 1`.
        Some(Some(Over {
            from: above,
            required,
            per,
        }))
    }

    fn table(&mut self, table: &Table) -> Option<Requirement> {
        let Some(rows) = table.get("rows").and_then(|r| r.as_array()) else {
            self.fail("a count table needs `rows = [[UP_TO, REQUIRED], ...]`");
            return None;
        };
        let mut steps: Vec<Step> = Vec::with_capacity(rows.len());
        for row in rows {
            let pair = row.as_array().filter(|p| p.len() == 2);
            let Some(pair) = pair else {
                self.fail("each row is [UP_TO, REQUIRED]");
                return None;
            };
            let up_to = self.whole(pair.first(), "rows[].up_to")?;
            let required = self.whole(pair.get(1), "rows[].required")?;
            if let Some(last) = steps.last()
                && (up_to <= last.up_to || required < last.required)
            {
                self.fail(format!(
                    "rows must rise: [{up_to}, {required}] after [{}, {}]",
                    last.up_to, last.required
                ));
                return None;
            }
            steps.push(Step { up_to, required });
        }
        if steps.is_empty() {
            self.fail("a count table needs at least one row");
            return None;
        }
        let over = self.over(table, steps.last().map(|s| s.up_to))?;
        Some(Requirement::Table { rows: steps, over })
    }

    fn share(&mut self, table: &Table) -> Option<Requirement> {
        let percent = match table.get("percent") {
            Some(toml::Value::Integer(n)) => *n as f64,
            Some(toml::Value::Float(f)) => *f,
            _ => {
                self.fail("a share needs `percent = N`");
                return None;
            }
        };
        if !(percent > 0.0 && percent <= 100.0) {
            self.fail("`percent` must be above 0 and at most 100");
            return None;
        }
        let at_least = match table.get("at_least") {
            None => 0,
            Some(v) => self.whole(Some(v), "at_least")?,
        };
        let up_to = match table.get("up_to") {
            None => None,
            Some(v) => Some(self.whole(Some(v), "up_to")?),
        };
        let over = self.over(table, up_to)?;
        if up_to.is_some() != over.is_some() {
            self.fail("`up_to` and `over` go together");
            return None;
        }
        Some(Requirement::Share {
            percent,
            at_least,
            up_to,
            over,
        })
    }
}
