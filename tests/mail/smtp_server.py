"""A mail server for the tests: aiosmtpd on 127.0.0.1, storing each message it accepts as
one JSON file (its Message-ID, recipients, decoded subject and body) in a folder.

Usage: smtp_server.py PORT FOLDER [--drop-first N] [--answer ADDRESS=CODE ...]
With --drop-first N, the first N messages are not accepted: the connection is cut after
their DATA arrived, before any answer, as a server killed mid-sending would.
With --answer ADDRESS=CODE, the server answers RCPT TO:<ADDRESS> with CODE instead of
accepting it: 550 (a mailbox that does not exist: refused for good) or 451 (try later).
"""

import argparse
import asyncio
import email
import email.policy
import json
import os
import sys
import uuid

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, folder, drop_first, answers):
        self.folder = folder
        self.drop_left = drop_first
        self.answers = answers

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        code = self.answers.get(address.lower())
        if code is None:
            envelope.rcpt_tos.append(address)
            return "250 OK"
        if code.startswith("5"):
            return f"{code} 5.1.1 <{address}>: mailbox unavailable"
        return f"{code} 4.3.0 <{address}>: try again later"

    async def handle_DATA(self, server, session, envelope):
        if self.drop_left > 0:
            self.drop_left -= 1
            server.transport.abort()
            return "421 closing"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "message_id": str(message["Message-ID"]).strip(),
            "to": envelope.rcpt_tos,
            "from": envelope.mail_from,
            "subject": str(message["Subject"]),
            "body": body.get_content() if body is not None else "",
        }
        name = uuid.uuid4().hex
        partial = os.path.join(self.folder, name + ".part")
        with open(partial, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(partial, os.path.join(self.folder, name + ".json"))
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("folder")
    parser.add_argument("--drop-first", type=int, default=0)
    parser.add_argument("--answer", action="append", default=[])
    args = parser.parse_args()
    answers = {}
    for answer in args.answer:
        address, code = answer.rsplit("=", 1)
        answers[address.lower()] = code
    os.makedirs(args.folder, exist_ok=True)
    store = Store(args.folder, args.drop_first, answers)
    controller = Controller(store, hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"listening on 127.0.0.1:{args.port}", flush=True)
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
