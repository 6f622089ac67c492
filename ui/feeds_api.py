"""The HTTP API's feeds: ``GET /v1/feeds``, ``POST /v1/feeds``, ``POST /v1/update``.

A feed added here is fetched under the private-network guard, like one added
in the web UI: the address comes from whoever can reach the server.
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends, FastAPI
from pydantic import BaseModel, ConfigDict, Field

from ingest.feed_service import FeedService
from ingest.subscriptions import Feed
from ui.api_models import ErrorReply


class FeedIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    address: str = Field(description="The feed's address, or its site's.", max_length=2000)


class FeedOut(BaseModel):
    url: str
    title: str | None
    last_poll: float | None = Field(description="Unix time of the last poll, or null.")
    last_new: int = Field(description="New articles at the last poll.")
    last_error: str | None = Field(description="Why the feed itself failed at the last poll.")
    problems: list[str] = Field(description="Entries that failed at the last poll, with why.")


class PollOut(BaseModel):
    url: str
    new: int
    not_modified: bool
    error: str | None
    problems: list[str]


class UpdateOut(BaseModel):
    feeds: list[PollOut]
    added: int
    updated: int
    requests: int
    seconds: float


def feed_out(feed: Feed) -> FeedOut:
    return FeedOut.model_validate(feed, from_attributes=True)


def add_feed_routes(
    api: FastAPI, feeds: FeedService, login: Any, refusals: dict[int | str, dict[str, Any]]
) -> None:
    refused = {400: {"model": ErrorReply, "description": "Why the feed cannot be followed"}}
    guarded = {
        "tags": ["feeds"],
        "dependencies": [Depends(login)],
        "responses": {**refusals, **refused},
    }

    @api.get("/v1/feeds", **guarded)
    def list_feeds() -> list[FeedOut]:
        """Every feed followed, with its last poll's outcome."""
        return [feed_out(feed) for feed in feeds.feeds()]

    @api.post("/v1/feeds", status_code=201, **guarded)
    def add_feed(request: FeedIn) -> FeedOut:
        """Follow a feed (a site's address finds its feed); 400 with the reason if it cannot."""
        row = feeds.add(request.address)
        followed = {feed.url: feed for feed in feeds.feeds()}
        return feed_out(followed[row.feed or request.address])

    @api.post("/v1/update", **guarded)
    def update() -> UpdateOut:
        """Poll every feed now and ingest what is new."""
        report = feeds.update()
        return UpdateOut(
            feeds=[
                PollOut(
                    url=p.url,
                    new=p.new,
                    not_modified=p.not_modified,
                    error=p.error,
                    problems=p.problems,
                )
                for p in report.feeds
            ],
            added=report.ingest.added,
            updated=report.ingest.updated,
            requests=report.requests,
            seconds=report.seconds,
        )
