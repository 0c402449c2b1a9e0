"""``POST /ingest``: URLs (JSON) or an uploaded file (multipart), behind the API key."""

from __future__ import annotations

import json
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from watchfloor.api.deps import AUTH_RESPONSES, error, require_key, settings_of
from watchfloor.service import IngestOptions, IngestSummary, ingest
from watchfloor.sources.fetch import FetchConfig
from watchfloor.store import open_store

router = APIRouter()
_lock = threading.Lock()  # one ingestion at a time: the analyser is shared
_SAFE_NAME = re.compile(r"[^\w.-]+")

Url = Annotated[str, Field(min_length=8, max_length=2000, pattern=r"^[Hh][Tt][Tt][Pp][Ss]?://\S+$")]


class IngestUrls(BaseModel):
    """URLs of pages or feeds to fetch, at most 100."""

    urls: list[Url] = Field(min_length=1, max_length=100)
    analyse: bool = True


@dataclass(frozen=True)
class IngestResult:
    ingested: int
    duplicates: int
    unchanged: int
    skipped: dict[str, int]
    words: int
    analysed: int
    seen: int


_UPLOAD_SCHEMA = {
    "type": "object",
    "properties": {
        "file": {"type": "string", "format": "binary"},
        "analyse": {"type": "boolean", "default": True},
    },
    "required": ["file"],
}
_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": TypeAdapter(IngestUrls).json_schema()},
            "multipart/form-data": {"schema": _UPLOAD_SCHEMA},
        },
    }
}


@router.post(
    "/ingest",
    tags=["ingest"],
    dependencies=[Depends(require_key)],
    openapi_extra=_BODY,
    responses={
        **AUTH_RESPONSES,
        **error(413, "The upload is too large."),
        **error(415, "Neither JSON nor a multipart upload."),
        **error(422, "A malformed body."),
    },
)
async def ingest_route(request: Request) -> IngestResult:
    """Fetch URLs, or read an uploaded file (HTML, text, JSON/JSONL, WARC, feed), and store them."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        body = _urls(await request.body())
        return await run_in_threadpool(_ingest, request, body.urls, body.analyse)
    if kind == "multipart/form-data":
        return await _upload(request)
    raise HTTPException(415, 'send JSON {"urls": [...]} or a multipart file upload')


def _urls(raw: bytes) -> IngestUrls:
    try:
        return IngestUrls.model_validate(json.loads(raw))
    except (ValueError, ValidationError) as exc:
        raise HTTPException(422, f'expected {{"urls": [...]}}: {str(exc)[:300]}') from exc


async def _upload(request: Request) -> IngestResult:
    limit = settings_of(request).max_upload_bytes
    length = request.headers.get("content-length", "")
    if length.isdigit() and int(length) > limit + 64 * 1024:
        raise HTTPException(413, "upload too large")
    try:
        form = await request.form(max_files=1, max_fields=10)
    except Exception as exc:  # a malformed multipart body
        raise HTTPException(422, "malformed multipart body") from exc
    upload = form.get("file")
    if not isinstance(upload, UploadFile):
        raise HTTPException(422, "a multipart field 'file' with the upload is required")
    analyse = str(form.get("analyse", "true")).lower() not in {"false", "0", "no"}
    data = await upload.read(limit + 1)
    if len(data) > limit:
        raise HTTPException(413, "upload too large")
    name = _SAFE_NAME.sub("_", Path(upload.filename or "upload").name)[-100:] or "upload"
    return await run_in_threadpool(_ingest_bytes, request, name, data, analyse)


def _ingest_bytes(request: Request, name: str, data: bytes, analyse: bool) -> IngestResult:
    with tempfile.TemporaryDirectory(prefix="watchfloor-upload-") as folder:
        path = Path(folder) / (name.lstrip(".") or "upload")
        path.write_bytes(data)
        return _ingest(request, [str(path)], analyse)


def _ingest(request: Request, inputs: list[str], analyse: bool) -> IngestResult:
    settings = settings_of(request)
    options = IngestOptions(fetch=FetchConfig(allow_private=settings.allow_private))
    options.analyse = analyse
    with _lock:
        store = open_store(settings.database)
        try:
            summary = ingest(store, inputs, options)
        finally:
            store.close()
    return _result(summary)


def _result(summary: IngestSummary) -> IngestResult:
    skipped: dict[str, Any] = dict(summary.skipped)
    return IngestResult(
        ingested=summary.ingested,
        duplicates=summary.duplicates,
        unchanged=summary.unchanged,
        skipped=skipped,
        words=summary.words,
        analysed=summary.analysed,
        seen=summary.seen,
    )
