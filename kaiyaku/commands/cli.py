"""Command line: `kaiyaku check` validates the facts, `kaiyaku new` scaffolds a carrier file,
`kaiyaku schema` writes the JSON Schema editors use."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

import jinja2

from ..facts.catalog import docs_dir_of, load_site, site_names
from ..facts.clock import checks_allowed_until
from ..forked import worker_count
from ..facts.errors import format_report
from .reporting import github_annotations, step_summary
from ..facts.schema import SCHEMA_PATH, schema_text
from ..facts.scalars import ID_RE


def _root(args: argparse.Namespace) -> Path:
    return Path(args.root).resolve()


def _failed(errors: list) -> bool:
    """Print every error of the facts (sorted, with a count) and say whether there were any."""
    if errors:
        print(format_report(errors), file=sys.stderr)
    return bool(errors)


def cmd_check(args: argparse.Namespace) -> int:
    root = _root(args)
    catalog = load_site(root, processes=worker_count())
    if os.environ.get("GITHUB_ACTIONS") == "true":
        for line in github_annotations(catalog.errors):
            print(line)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary:
            with open(summary, "a", encoding="utf-8") as out:
                out.write(step_summary(catalog.errors))
    if _failed(catalog.errors):
        return 1
    print(f"OK: {len(catalog.carriers)} 件のキャリアファイルに問題はありません")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    root = _root(args)
    if not ID_RE.fullmatch(args.id):
        print(f"kaiyaku new: id {args.id!r} は半角英小文字・数字・ハイフンで書いてください(例: uq-mobile)", file=sys.stderr)
        return 2
    if args.id in site_names(docs_dir_of(root)):
        print(f"kaiyaku new: id {args.id} はサイトのページ /{args.id}/ と同じ名前です。別の id にしてください", file=sys.stderr)
        return 2
    target = root / "carriers" / f"{args.id}.yaml"
    if target.exists():
        print(f"kaiyaku new: {target.relative_to(root)} はもうあります。別の id にしてください", file=sys.stderr)
        return 1
    env = jinja2.Environment(loader=jinja2.PackageLoader("kaiyaku.commands", "scaffold"), keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    text = env.get_template("carrier.yaml.j2").render(id=args.id, name=args.name, guide=not args.profile, today=dt.date.today().isoformat())
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"{target.relative_to(root)} を作りました。TODO の行を事実に書き換えてから `kaiyaku check` を実行してください")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from .build import build_atomically

    import logging

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s - %(message)s", stream=sys.stderr)
    root = _root(args)
    try:
        build_atomically(root / "mkdocs.yml")
    except (MkDocsException, OSError) as exc:
        print(f"ビルドに失敗しました。site/ は前のままです。\n{exc}", file=sys.stderr)
        return 1
    print("site/ を作り直しました")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ..output.export import export_site

    root = _root(args)
    catalog = export_site(root, Path(args.out).resolve())
    if _failed(catalog.errors):
        return 1
    print(f"{args.out} に {len(catalog.carriers)} 社分のページと JSON を書き出しました")
    return 0


def cmd_sources(args: argparse.Namespace) -> int:
    from .figures import figures_report, missing_figures, read_pages
    from .sources import check_links, report, source_urls, stale_sources
    from .worklist import worklist, worklist_report

    root = _root(args)
    catalog = load_site(root)
    if _failed(catalog.errors):
        return 1
    text = worklist_report(worklist(catalog, checks_allowed_until(root)))
    if not args.offline:
        urls = source_urls(catalog)
        text += report(check_links(urls, timeout=args.timeout, via=args.via), stale_sources(catalog, dt.date.today(), args.max_age), args.max_age)
        text += figures_report(missing_figures(catalog, read_pages(urls, timeout=args.timeout, via=args.via)))
    if args.report:
        Path(args.report).write_text(text, encoding="utf-8")
    print(text)
    return 0


def cmd_tracking_issue(args: argparse.Namespace) -> int:
    from .tracking import main as update

    return update(args.report)


def cmd_schema(args: argparse.Namespace) -> int:
    path = _root(args) / SCHEMA_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    print(f"{SCHEMA_PATH} を書きました")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kaiyaku", description="解約ガイドの事実ファイルを扱うコマンド")
    p.add_argument("--root", default=".", help="プロジェクトのフォルダ(carriers/ のあるところ)")
    sub = p.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="carriers/*.yaml をすべて検査する(サイトは作らない)").set_defaults(func=cmd_check)
    new = sub.add_parser("new", help="新しいキャリアファイルの雛形を作る")
    new.add_argument("id", help="キャリアの id(ファイル名になる。例: uq-mobile)")
    new.add_argument("--name", required=True, help="表示名(例: UQ mobile)")
    new.add_argument("--profile", action="store_true", help="解約ガイドではなく比較用プロフィールを作る")
    new.set_defaults(func=cmd_new)
    sub.add_parser("build", help="サイトを一時フォルダに作り、成功したときだけ site/ と入れ替える").set_defaults(func=cmd_build)
    export = sub.add_parser("export", help="生成ページと JSON をふつうのファイルとして書き出す(プラグインなしで作れる形)")
    export.add_argument("out", help="書き出し先のフォルダ(中身は置き換えられます)")
    export.set_defaults(func=cmd_export)
    src = sub.add_parser("sources", help="出典の種類と古さの一覧。オンラインでは URL、確認日の古い出典、ページにない数字も確かめる(報告だけで失敗にはしない)")
    src.add_argument("--max-age", type=int, default=365, help="これより前に確認した出典を再確認の対象にする(日数)")
    src.add_argument("--timeout", type=float, default=10.0, help="1 件あたりの待ち時間(秒)")
    src.add_argument("--report", help="Markdown の報告を書くファイル")
    src.add_argument("--via", help="すべてのページをこのサーバーに問い合わせる(http://127.0.0.1:8000 なら http://127.0.0.1:8000/https://元のURL。テストやミラー用)")
    src.add_argument("--offline", action="store_true", help="ページを読まず、キャリアごとの出典の種類と古さ、公式で未確認の事実だけを一覧にする")
    src.set_defaults(func=cmd_sources)
    track = sub.add_parser("tracking-issue", help="出典の点検結果で追跡用の issue を更新する(GitHub Actions 用)")
    track.add_argument("report", help="kaiyaku sources --report で書いたファイル")
    track.set_defaults(func=cmd_tracking_issue)
    sub.add_parser("schema", help="schema/carrier.schema.json を model から書き直す").set_defaults(func=cmd_schema)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
