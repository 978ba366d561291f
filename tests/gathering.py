"""Snapshots of local pages in real Chromium, gathered as the audit gathers them, for browser tests
that judge facts or rules directly."""
from __future__ import annotations

import asyncio
from pathlib import Path

from auditor.browsers import BrowserError, BrowserOptions
from auditor.browsers.playwright_backend import PlaywrightBackend
from auditor.api import build_settings
from auditor.gather import gather
from auditor.localserver import LocalServer
from auditor.model import Snapshot


def gather_snapshots(pages: list[Path], viewports=("XS", "SM", "MD", "LG"), same_origin_only: bool = False,
                     skip_unauditable: bool = False) -> list[Snapshot]:
    """Snapshots of local pages served from 127.0.0.1, gathered as the audit gathers them. With
    ``skip_unauditable`` a page the audit would report as an error (one that stays invisible, say)
    is left out instead of raising."""
    settings = build_settings({"viewports": [",".join(viewports)]}, {})
    server = LocalServer()
    paths = [server.url_for(page) for page in pages]
    base = server.start()

    async def run() -> list[Snapshot]:
        backend = PlaywrightBackend(BrowserOptions(same_origin_only=same_origin_only))
        await backend.start()
        tab = await backend.new_tab()
        out = []
        try:
            for path in paths:
                for viewport in settings.viewports:
                    await tab.reset()
                    await tab.set_viewport(viewport.width, viewport.height)
                    try:
                        info = await tab.goto(base + path)
                        out.append(await gather(tab, base + path, info.final_url, viewport, settings.gather,
                                                "playwright"))
                    except BrowserError:
                        if not skip_unauditable:
                            raise
        finally:
            await tab.close()
            await backend.stop()
        return out

    try:
        return asyncio.run(run())
    finally:
        server.stop()
