//! Integration tests: the real app on a real database, through HTTP requests and the
//! command line. Set `TIEPCAN_TEST_POSTGRES_URL` to run them all on PostgreSQL.

mod accounts;
mod audit_pages;
mod audits;
mod auth;
mod backup;
mod checklists;
mod cli;
mod common;
mod demo;
mod edits;
mod events;
mod export;
mod failures;
mod finding_pages;
mod imports;
mod layers;
mod limits;
mod map;
mod matrix;
mod objects;
mod odd_bytes;
mod ogc;
mod pages;
mod photos;
mod proxy;
mod remediation;
mod reports;
mod responses;
mod robust;
mod schema;
mod server;
mod sites;
mod statement;
mod texts;
