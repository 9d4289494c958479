"""multipart/mixed batch bodies, read and written the way Google's batch endpoint does.

A request part is ``application/http``: a request line, headers, a blank line, a body (googleapiclient's
BatchHttpRequest writes ``\\n`` line ends). A response part answers with ``Content-ID: <response-ID>`` where
ID is the request part's Content-ID without its angle brackets, and CRLF line ends.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import secrets
from dataclasses import dataclass, field
from http import HTTPStatus


@dataclass
class Part:
    content_id: str
    method: str
    target: str  # path and query
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""


@dataclass
class PartAnswer:
    content_id: str
    status: int
    body: bytes = b""
    content_type: str = "application/json; charset=UTF-8"
    headers: dict[str, str] = field(default_factory=dict)


class BatchFormatError(ValueError):
    pass


def parse_batch(content_type: str, body: bytes) -> list[Part]:
    if not content_type.lower().startswith("multipart/mixed") or "boundary=" not in content_type:
        raise BatchFormatError("batch requests must be multipart/mixed with a boundary")
    message = email.message_from_bytes(
        b"Content-Type: " + content_type.encode("latin-1") + b"\r\n\r\n" + body, policy=email.policy.compat32
    )
    if not message.is_multipart():
        raise BatchFormatError("batch body is not multipart")
    parts = []
    for sub in message.get_payload():
        assert isinstance(sub, email.message.Message)
        if sub.get_content_type() != "application/http":
            raise BatchFormatError("batch parts must be application/http")
        payload = sub.get_payload()
        if not isinstance(payload, str):
            raise BatchFormatError("nested multipart is not supported")
        parts.append(_parse_http(sub.get("Content-ID", ""), payload))
    return parts


def _parse_http(content_id: str, payload: str) -> Part:
    request_line, _, rest = payload.lstrip("\r\n").partition("\n")
    pieces = request_line.strip().split(" ")
    if len(pieces) < 2:
        raise BatchFormatError("bad request line in batch part")
    inner = email.message_from_string(rest, policy=email.policy.compat32)
    headers = {k.lower(): str(v) for k, v in inner.items()}
    raw_body = inner.get_payload()
    body = raw_body.encode("utf-8") if isinstance(raw_body, str) else b""
    return Part(content_id=content_id.strip(), method=pieces[0].upper(), target=pieces[1], headers=headers, body=body)


def response_content_id(request_content_id: str) -> str:
    inner = request_content_id[1:-1] if request_content_id.startswith("<") else request_content_id
    return f"<response-{inner}>"


def format_batch(answers: list[PartAnswer]) -> tuple[str, bytes]:
    """Return (content type, body) of a multipart/mixed batch response."""
    boundary = "batch_" + secrets.token_hex(12)
    chunks: list[bytes] = []
    for answer in answers:
        phrase = HTTPStatus(answer.status).phrase
        head = [
            f"--{boundary}",
            "Content-Type: application/http",
            f"Content-ID: {response_content_id(answer.content_id)}",
            "",
            f"HTTP/1.1 {answer.status} {phrase}",
        ]
        if answer.body:
            head.append(f"Content-Type: {answer.content_type}")
        head += [f"{name}: {value}" for name, value in answer.headers.items()]
        head.append(f"Content-Length: {len(answer.body)}")
        chunks.append(("\r\n".join(head) + "\r\n\r\n").encode("utf-8") + answer.body + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return f"multipart/mixed; boundary={boundary}", b"".join(chunks)
