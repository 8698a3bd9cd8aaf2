"""`steppe`: serve, ingest, export, reindex, export-schema, migrate, unpublish, republish."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from api.settings import Settings
from store.records import REMOVAL_REASONS

err = Console(stderr=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        settings = Settings.from_env(
            host=getattr(args, "host", None), port=getattr(args, "port", None)
        )
    except ValueError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 2
    return int(args.run(settings, args) or 0)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="steppe", description=__doc__)
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    serve = commands.add_parser("serve", help="serve the GraphQL API with uvicorn")
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to bind (default 8000)")
    serve.set_defaults(run=_serve)
    ingest = commands.add_parser("ingest", help="load digest pages (.txt) and JSON Lines")
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument(
        "--explain",
        action="store_true",
        help="print each line of the digest pages with what the reader took it for and why; "
        "writes nothing",
    )
    ingest.set_defaults(run=_ingest)
    export = commands.add_parser("export", help="print every article and rate as JSON Lines")
    export.add_argument("--output", type=Path, help="write to this file instead of stdout")
    export.set_defaults(run=_export)
    commands.add_parser("reindex", help="rebuild the search index from the store").set_defaults(
        run=_reindex
    )
    commands.add_parser("export-schema", help="print the GraphQL SDL").set_defaults(
        run=_export_schema
    )
    commands.add_parser("migrate", help="bring the store's schema up to date").set_defaults(
        run=_migrate
    )
    commands.add_parser("settings", help="list the STEPPE_* settings").set_defaults(run=_settings)
    unpublish = commands.add_parser("unpublish", help="take an article down everywhere")
    unpublish.add_argument("slug", metavar="SLUG")
    unpublish.add_argument("--reason", required=True, choices=REMOVAL_REASONS)
    unpublish.add_argument("--note", help="why, for the removed feed and the audit log")
    unpublish.set_defaults(run=_unpublish)
    republish = commands.add_parser("republish", help="bring a taken-down article back")
    republish.add_argument("slug", metavar="SLUG")
    republish.set_defaults(run=_republish)
    _keys_parser(commands)
    return parser


def _keys_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from api.keys_cli import create_key, list_keys, revoke_key

    keys = commands.add_parser("keys", help="create, list and revoke API keys")
    actions = keys.add_subparsers(required=True, metavar="ACTION")
    create = actions.add_parser("create", help="create a key (printed once)")
    create.add_argument("--name", required=True, help="who the key is for, e.g. partner-kaz")
    create.add_argument("--tier", required=True, choices=["partner", "editor"])
    create.set_defaults(run=create_key)
    actions.add_parser("list", help="list keys (never the keys themselves)").set_defaults(
        run=list_keys
    )
    revoke = actions.add_parser("revoke", help="revoke a key by name")
    revoke.add_argument("name")
    revoke.set_defaults(run=revoke_key)


def _serve(settings: Settings, _args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app
    from api.logs import logging_config

    # X-Forwarded-For is believed only from STEPPE_TRUSTED_PROXIES: rate limits count per IP.
    proxies = list(settings.trusted_proxies)
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=settings.port,
        log_level=settings.log_level,
        log_config=logging_config(settings.log_format, settings.log_level),
        proxy_headers=bool(proxies),
        forwarded_allow_ips=proxies or None,
    )
    return 0


def _ingest(settings: Settings, args: argparse.Namespace) -> int:
    from api.resources import open_store
    from api.writes import ingest_limits
    from ingest import discover, ingest_file
    from store import WriteSummary

    files = list(discover(args.paths))
    if args.explain:
        return _explain(files)
    store = open_store(settings)
    limits = ingest_limits(settings)
    total, failures, found = WriteSummary(), 0, []
    with _progress() as progress:
        task = progress.add_task("ingest", total=len(files))
        for path in files:
            progress.update(task, description=path.name)
            result = ingest_file(store, path, limits=limits)
            if result.error is not None:
                failures += 1
                err.print(f"[red]error:[/red] {result.error}")
            else:
                found.append((path.name, result.articles, result.rates))
            total.merge(result.summary)
            progress.advance(task)
    indexed = _index_unless_served(settings, store)
    _print_summary(total, len(files), failures, indexed)
    _print_found(found)
    return 1 if failures or not files else 0


def _print_found(found: list[tuple[str, tuple[str, ...], int]]) -> None:
    """Per file, the articles it held: a misread page shows at a glance."""
    out = Console()
    for name, titles, rates in found:
        out.print(f"{escape(name)}: {len(titles)} article(s), {rates} rate(s)", soft_wrap=True)
        for title in titles:
            out.print(f"  - {escape(title)}", soft_wrap=True)


def _explain(files: list[Path]) -> int:
    """`steppe ingest --explain`: each line, what the reader took it for, and why."""
    from ingest import IngestError, explain_file

    out, failed = Console(), False
    for path in files:
        out.print(f"{escape(str(path))}", soft_wrap=True)
        try:
            page = explain_file(path)
        except IngestError as exc:
            err.print(f"[red]error:[/red] {escape(str(exc))}")
            failed = True
            continue
        for r in page.readings:
            if r.role != "blank":
                text = r.text if len(r.text) <= 60 else r.text[:59] + "…"
                out.print(f"{r.line:>4}  {r.role:<10}  {escape(text)}  ({escape(r.why)})",
                          soft_wrap=True, highlight=False)  # fmt: skip
        if page.error is not None:
            err.print(f"[red]error:[/red] {escape(str(page.error))}")
            failed = True
    return 1 if failed or not files else 0


def _index_unless_served(settings: Settings, store: object) -> int | None:
    """Bring the index up to date, unless a running server does that (index.lease): None."""
    from api.resources import open_index
    from index import lease
    from ingest import catch_up
    from store import Store

    assert isinstance(store, Store)
    held = lease.write_unless_served(settings.index_dir)
    if held is None:
        err.print(
            "A running server holds the search index; it indexes these changes within "
            f"{settings.index_poll_seconds:g} s (STEPPE_INDEX_POLL_SECONDS)."
        )
        return None
    with held:
        index = open_index(settings)
        try:
            return catch_up(store, index)
        finally:
            index.close()


def _progress() -> Progress:
    return Progress(
        TextColumn("{task.description:<32}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=err,
        disable=not err.is_terminal,
        transient=True,
    )


def _print_summary(total: object, files: int, failures: int, indexed: int | None) -> None:
    from store import WriteSummary

    assert isinstance(total, WriteSummary)
    done = "indexing left to the server" if indexed is None else f"{indexed} article(s) indexed"
    table = Table(title=f"{files} file(s), {failures} failed, {done}")
    for column in ("", "added", "updated", "unchanged"):
        table.add_column(column, justify="right" if column else "left")
    for name, counts in (("articles", total.articles), ("rates", total.rates)):
        table.add_row(name, *(str(counts[k]) for k in ("added", "updated", "unchanged")))
    new = ", ".join(f"{n} {kind}" for kind, n in total.new_entities.items())
    table.caption = f"new entities: {new}"
    out = Console()
    out.print(table)
    labels = {"updated": "updated", "distinct": "[yellow]warning[/yellow]", "repeated": "note"}
    for note in total.notes:
        out.print(
            f"{labels[note.kind]}: {escape(note.slug)} from {escape(note.source)}: "
            f"{escape(note.message)}",
            soft_wrap=True,
        )
    if not files:
        err.print("[red]error:[/red] no .txt or .jsonl files found in the given paths")


def _export(settings: Settings, args: argparse.Namespace) -> int:
    from api.resources import open_store
    from ingest import export_lines

    store = open_store(settings)
    if args.output is None:
        sys.stdout.writelines(export_lines(store))
        return 0
    tmp = args.output.with_name(args.output.name + ".partial")
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        out.writelines(export_lines(store))
    tmp.replace(args.output)
    return 0


def _reindex(settings: Settings, _args: argparse.Namespace) -> int:
    from api.resources import open_index, open_store
    from ingest import rebuild

    store = open_store(settings)
    index = open_index(settings)
    with _progress() as progress:
        task = progress.add_task("reindex", total=None)
        count = rebuild(store, index, progress=lambda n: progress.update(task, completed=n))
    Console().print(f"reindexed {count} article(s) at store revision {index.revision}")
    return 0


def _export_schema(_settings: Settings, _args: argparse.Namespace) -> int:
    from schema.root import build_schema

    sys.stdout.write(build_schema().as_str() + "\n")
    return 0


def _migrate(settings: Settings, _args: argparse.Namespace) -> int:
    from api.resources import open_store

    store = open_store(settings)
    Console().print(f"store schema up to date ({store.backend}, revision {store.revision()})")
    return 0


def _unpublish(settings: Settings, args: argparse.Namespace) -> int:
    from api.resources import open_store
    from ingest import unpublish
    from store import CLI_ACTOR, MAX_NOTE_LENGTH, ArticleNotFoundError

    store = open_store(settings)
    try:
        if args.note is not None and len(args.note) > MAX_NOTE_LENGTH:
            err.print(f"[red]error:[/red] --note is longer than {MAX_NOTE_LENGTH} characters")
            return 2
        removed = unpublish(store, None, args.slug, args.reason, args.note, CLI_ACTOR)
    except ArticleNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 1
    # Like ingest: a running server's follower updates its own index; only without one does
    # the CLI write it (two processes writing one index delete each other's segment files).
    _index_unless_served(settings, store)
    Console().print(
        f"unpublished {removed.slug} ({removed.reason}) at {removed.removed_at.isoformat()}"
    )
    return 0


def _republish(settings: Settings, args: argparse.Namespace) -> int:
    from api.resources import open_store
    from ingest import republish
    from store import CLI_ACTOR, ArticleNotFoundError

    store = open_store(settings)
    try:
        article = republish(store, None, args.slug, CLI_ACTOR)
    except ArticleNotFoundError as exc:
        err.print(f"[red]error:[/red] {exc}")
        return 1
    _index_unless_served(settings, store)
    Console().print(f"republished {article.slug}")
    return 0


def _settings(_settings: Settings, _args: argparse.Namespace) -> int:
    table = Table("variable", "default", "meaning")
    for row in Settings.describe():
        table.add_row(*row)
    Console().print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
