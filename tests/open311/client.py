#!/usr/bin/env python3
"""An Open311 GeoReport v2 client that speaks only the standard, with Python's standard
library alone: it reads the service list, posts a request (form-encoded), reads the
request's status back, and checks every field the standard requires. Exits non-zero on the
first mismatch.

    python3 tests/open311/client.py http://127.0.0.1:8080 [--lat 21.85 --long 106.76]
        [--expect-closed]

With --expect-closed it prints `service_request_id=<id>` once the request is sent and open,
then waits for a line on standard input (someone answers the report meanwhile) and reads
the request again: it must now be closed, with notes.
"""

import argparse
import datetime
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ElementTree

CONTACT = "open311.client.private@example.vn"


def fail(what):
    print(f"FAILED  {what}", flush=True)
    sys.exit(1)


def ok(what):
    print(f"ok      {what}", flush=True)


def call(base, path, form=None):
    """(status, body bytes) of GET base+path, or POST of `form` form-encoded."""
    data = None
    headers = {"Accept-Language": "en"}
    if form is not None:
        data = urllib.parse.urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    request = urllib.request.Request(base + path, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def as_json(path, body):
    try:
        return json.loads(body)
    except ValueError:
        fail(f"{path} is not JSON: {body[:200]!r}")


def need(record, field, kind, where):
    if field not in record:
        fail(f"{where}: no {field}")
    if not isinstance(record[field], kind):
        fail(f"{where}: {field} is {record[field]!r}")
    return record[field]


def timestamp(text, where):
    try:
        return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        fail(f"{where}: {text!r} is not an ISO 8601 time")


def services(base):
    status, body = call(base, "/open311/v2/services.json")
    if status != 200:
        fail(f"services.json answered {status}")
    listed = as_json("services.json", body)
    if not isinstance(listed, list) or not listed:
        fail("services.json lists no service")
    for s in listed:
        code = need(s, "service_code", str, "a service")
        for field in ("service_name", "description", "keywords", "group"):
            need(s, field, str, code)
        need(s, "metadata", bool, code)
        if need(s, "type", str, code) not in ("realtime", "batch", "blackbox"):
            fail(f"{code}: type {s['type']!r}")
    status, body = call(base, "/open311/v2/services.xml")
    if status != 200:
        fail(f"services.xml answered {status}")
    root = ElementTree.fromstring(body)
    if root.tag != "services" or len(root.findall("service")) != len(listed):
        fail("services.xml does not list the services of services.json")
    ok(f"services: {len(listed)}, the same in JSON and XML")
    return [s["service_code"] for s in listed]


def refused(base, form, parameter):
    status, body = call(base, "/open311/v2/requests.json", form)
    if status != 400:
        fail(f"a request without a good {parameter} answered {status}")
    errors = as_json("the error", body)
    if not isinstance(errors, list) or not errors:
        fail(f"the error is not a list: {errors!r}")
    for e in errors:
        if need(e, "code", int, "an error") != 400:
            fail(f"an error's code is {e['code']}")
        need(e, "description", str, "an error")
    if not any(parameter in e["description"] for e in errors):
        fail(f"no error names {parameter}: {errors!r}")
    ok(f"a bad {parameter} is refused with the standard's error list")


def send(base, code, lat, long):
    form = {
        "service_code": code,
        "lat": lat,
        "long": long,
        "description": "The kerb at the market has no ramp; a wheelchair cannot pass.",
        "email": CONTACT,
        "first_name": "Open311",
        "last_name": "Client",
    }
    refused(base, dict(form, service_code="no-such-service"), "service_code")
    refused(base, dict(form, description=""), "description")
    status, body = call(base, "/open311/v2/requests.json", form)
    if status not in (200, 201):
        fail(f"posting a request answered {status}: {body[:300]!r}")
    answer = as_json("the posted request", body)
    if not isinstance(answer, list) or len(answer) != 1:
        fail(f"the answer to a post is not a list of one: {answer!r}")
    rid = answer[0].get("service_request_id") or answer[0].get("token")
    if not isinstance(rid, str) or not rid:
        fail(f"no service_request_id nor token: {answer!r}")
    ok(f"request sent: {rid}")
    return rid


def status(base, rid, code, lat, long, want):
    path = f"/open311/v2/requests/{urllib.parse.quote(rid)}.json"
    got, body = call(base, path)
    if got != 200:
        fail(f"{path} answered {got}")
    if CONTACT.encode() in body:
        fail("the status shows the sender's contact")
    listed = as_json(path, body)
    if not isinstance(listed, list) or len(listed) != 1:
        fail(f"{path} is not a list of one")
    r = listed[0]
    if need(r, "service_request_id", str, path) != rid:
        fail(f"{path} is of {r['service_request_id']}")
    state = need(r, "status", str, path)
    if state not in ("open", "closed"):
        fail(f"status {state!r} is neither open nor closed")
    if need(r, "service_code", str, path) != code:
        fail(f"service_code {r['service_code']!r}, sent {code!r}")
    need(r, "service_name", str, path)
    sent = timestamp(need(r, "requested_datetime", str, path), path)
    if r.get("updated_datetime") is not None:
        if timestamp(r["updated_datetime"], path) < sent:
            fail("updated before it was requested")
    for field, value in (("lat", lat), ("long", long)):
        if abs(float(need(r, field, (int, float), path)) - value) > 1e-6:
            fail(f"{field} {r[field]}, sent {value}")
    if state != want:
        fail(f"status {state!r}, expected {want!r}")
    notes = r.get("status_notes")
    if want == "closed" and not notes:
        fail("closed without notes")
    ok(f"status {state}: {notes}")


def main():
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("base", help="the server, e.g. http://127.0.0.1:8080")
    args.add_argument("--lat", type=float, default=21.8530)
    args.add_argument("--long", type=float, default=106.7610)
    args.add_argument("--expect-closed", action="store_true")
    a = args.parse_args()
    base = a.base.rstrip("/")
    codes = services(base)
    code = codes[0]
    rid = send(base, code, a.lat, a.long)
    status(base, rid, code, a.lat, a.long, "open")
    got, _ = call(base, "/open311/v2/requests/" + "0" * 32 + ".json")
    if got != 404:
        fail(f"an unknown request answered {got}")
    ok("an unknown request is not found")
    if a.expect_closed:
        print(f"service_request_id={rid}", flush=True)
        sys.stdin.readline()
        status(base, rid, code, a.lat, a.long, "closed")
    print("all checks passed", flush=True)


if __name__ == "__main__":
    main()
