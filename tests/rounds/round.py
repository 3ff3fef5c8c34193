"""Runs a reporting round through the API of a running server, as the coordinator and the
departments' reviewers would: opens it for every department (from the first of January to
today, due today), has every reviewer save and send a part, returns the first department's
part with a comment, has it sent again, accepts every part, and saves the compiled report
as JSON and DOCX.

Usage: round.py BASE_URL OUT_DIR PASSWORD   (accounts: round.coordinator and
round.reviewer.CODE for each department, all with PASSWORD). Standard library only.
"""
import datetime
import http.cookiejar
import json
import sys
import urllib.request

base, out, password = sys.argv[1], sys.argv[2], sys.argv[3]


class Session:
    def __init__(self, username):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        self.call("POST", "/api/v1/session", {"username": username, "password": password})

    def call(self, method, path, body=None, raw=False):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(base + path, data=data, method=method)
        request.add_header("Origin", base)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with self.opener.open(request) as reply:
            content = reply.read()
            return content if raw else json.loads(content or b"null")


coordinator = Session("round.coordinator")
today = datetime.date.today()
round_ = coordinator.call("POST", "/api/v1/rounds", {
    "title": f"Báo cáo kết quả thực hiện năm {today.year}",
    "kind": "periodic",
    "period_from": f"{today.year}-01-01",
    "period_to": today.isoformat(),
    "due_on": today.isoformat(),
})
rid = round_["id"]
codes = [p["department"] for p in round_["parts"]]
assert codes, "the round asks no department"
for n, code in enumerate(codes):
    reviewer = Session(f"round.reviewer.{code}")
    path = f"/api/v1/rounds/{rid}/parts/{code}"
    written = {
        "results": f"Kết quả của đơn vị {code}: đã rà soát các công trình.\nĐã lập kế hoạch khắc phục.",
        "difficulties": f"Khó khăn của đơn vị {code}: thiếu kinh phí.",
        "proposals": f"Đề xuất của đơn vị {code}: bố trí kinh phí năm {today.year + 1}.",
    }
    reviewer.call("PUT", path, written)
    reviewer.call("POST", path + "/submit")
    if n == 0:
        coordinator.call("POST", path + "/review",
                         {"decision": "return", "comment": "Bổ sung số liệu."})
        assert reviewer.call("GET", path)["comment"] == "Bổ sung số liệu."
        written["results"] += "\nĐã bổ sung số liệu theo ý kiến của cơ quan thường trực."
        reviewer.call("POST", path + "/submit", written)
    coordinator.call("POST", path + "/review", {"decision": "accept"})

report = f"/api/v1/rounds/{rid}/report"
with open(f"{out}/round.json", "wb") as f:
    f.write(coordinator.call("GET", report + "?format=json", raw=True))
with open(f"{out}/round.docx", "wb") as f:
    f.write(coordinator.call("GET", report + "?format=docx", raw=True))
print(" ".join(codes))
