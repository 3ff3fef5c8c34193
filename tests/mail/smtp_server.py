"""A mail server for the tests: aiosmtpd on 127.0.0.1, storing each message it accepts as
one JSON file (its Message-ID, recipients, decoded subject and body) in a folder.

Usage: smtp_server.py PORT FOLDER [--drop-first N]
With --drop-first N, the first N messages are not accepted: the connection is cut after
their DATA arrived, before any answer, as a server killed mid-sending would.
"""

import asyncio
import email
import email.policy
import json
import os
import sys
import uuid

from aiosmtpd.controller import Controller


class Store:
    def __init__(self, folder, drop_first):
        self.folder = folder
        self.drop_left = drop_first

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
    port, folder = int(sys.argv[1]), sys.argv[2]
    drop_first = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--drop-first" else 0
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Store(folder, drop_first), hostname="127.0.0.1", port=port)
    controller.start()
    print(f"listening on 127.0.0.1:{port}", flush=True)
    try:
        asyncio.new_event_loop().run_forever()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
