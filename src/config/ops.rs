//! Options for whoever runs the server: metrics and the log format.

use std::net::{IpAddr, SocketAddr};

use clap::{Args, ValueEnum};
use ipnet::IpNet;

/// How log lines are written on standard error.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// One line of text per event, for people.
    #[default]
    Text,
    /// One JSON object per line (`timestamp`, `level`, `message`, `target`, fields and
    /// spans), for log collectors.
    Json,
}

/// Whether and where `GET /metrics` (Prometheus text format) is served.
#[derive(Debug, Clone, Args)]
pub struct Metrics {
    /// Serve `GET /metrics` (Prometheus text format) on the main address, to the addresses
    /// `--metrics-allow` names only. Off by default: `/metrics` is then 404.
    #[arg(long = "metrics", env = "TIEPCAN_METRICS")]
    pub on_main: bool,

    /// Serve `GET /metrics` on this address of its own (say `127.0.0.1:9100`) instead, to
    /// anyone who can reach it; the main address then answers `/metrics` with 404.
    #[arg(
        long = "metrics-addr",
        env = "TIEPCAN_METRICS_ADDR",
        conflicts_with = "on_main",
        value_name = "ADDR:PORT"
    )]
    pub addr: Option<SocketAddr>,

    /// Who may read `/metrics` on the main address: addresses and networks (`10.0.0.0/8`),
    /// separated by commas. Behind a reverse proxy (`--trust-forwarded-for`) the client's
    /// address is the last `X-Forwarded-For` entry, as for sign-in throttling.
    #[arg(
        long = "metrics-allow",
        env = "TIEPCAN_METRICS_ALLOW",
        value_delimiter = ',',
        default_value = "127.0.0.0/8,::1/128",
        value_parser = parse_network,
        value_name = "NETWORKS"
    )]
    pub allow: Vec<IpNet>,
}

/// A network in CIDR notation, or a single address (a network of one).
pub fn parse_network(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    text.parse::<IpNet>()
        .or_else(|_| text.parse::<IpAddr>().map(IpNet::from))
        .map_err(|_| {
            format!("`{text}` is neither an address nor a network such as 10.0.0.0/8 or ::1/128")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_allowed_network_is_a_cidr_or_a_single_address() {
        let net = parse_network("10.1.0.0/16").expect("a network");
        assert!(net.contains(&"10.1.200.3".parse::<IpAddr>().expect("ip")));
        let one = parse_network(" 192.0.2.7 ").expect("an address");
        assert_eq!(one.to_string(), "192.0.2.7/32");
        assert!(
            parse_network("::1")
                .expect("v6")
                .contains(&IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1]))
        );
        let refused = parse_network("10.0.0.0/33").expect_err("prefix too long");
        assert!(refused.contains("10.0.0.0/33"), "{refused}");
        assert!(parse_network("localhost").is_err());
    }
}
