#!/usr/bin/env python3
"""Writes the manual page furikaeri(1) from the commands' own help, so the two never drift apart.

    make_manpage.py --binary .build/release/furikaeri --lang ja > furikaeri.1
    make_manpage.py --binary .build/release/furikaeri --lang en [--strict] > furikaeri.1

The commands, options, defaults and texts come from `furikaeri --experimental-dump-help`
(swift-argument-parser's description of the command tree). The help is written in Japanese; the
English page takes each text from packaging/manpage-en.json (Japanese text -> English). A text with
no English there is printed in Japanese with a warning on stderr; with --strict (the tests) it is an
error, so a changed help text cannot go unnoticed. Runs at build time only (make install, make deb).
"""
import argparse
import datetime
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

HEADINGS = {
    "ja": {"name": "名前", "synopsis": "書式", "description": "説明", "commands": "コマンド",
           "options": "オプション", "files": "ファイル", "see": "関連項目", "manual": "ユーザーコマンド",
           "default": "既定値", "subcommand_synopsis": "コマンド [オプション]"},
    "en": {"name": "NAME", "synopsis": "SYNOPSIS", "description": "DESCRIPTION", "commands": "COMMANDS",
           "options": "OPTIONS", "files": "FILES", "see": "SEE ALSO", "manual": "User Commands",
           "default": "default", "subcommand_synopsis": "command [options]"},
}

# Sections that are not in the help: written here in both languages.
FIXED = {
    "ja": {
        "description": "各コマンドの詳しい使い方は furikaeri \\fIコマンド\\fR \\-\\-help で表示されます。"
                       "JSON・終了コード・CSV の列・作業フォルダの形は docs/contracts.md に定めています。"
                       "メッセージは日本語で、\\-\\-lang en で英語になります。",
        "files": [("\\fIDIR\\fR/furikaeri.yml", "作業フォルダの設定"),
                  ("\\fIDIR\\fR/.furikaeri/ledger.sqlite", "台帳（SQLite）。バックアップの対象です"),
                  ("furikaeri\\-watch@.service", "作業フォルダごとに watch を動かす systemd のユニット"
                   "（インスタンス名は systemd\\-escape \\-\\-path で作ったパス）")],
    },
    "en": {
        "description": "furikaeri \\fIcommand\\fR \\-\\-help shows each command in detail. "
                       "The JSON, exit codes, CSV columns and the workspace layout are specified in "
                       "docs/contracts.md. Messages are Japanese; \\-\\-lang en gives English.",
        "files": [("\\fIDIR\\fR/furikaeri.yml", "the workspace's settings"),
                  ("\\fIDIR\\fR/.furikaeri/ledger.sqlite", "the ledger (SQLite); back it up"),
                  ("furikaeri\\-watch@.service", "the systemd unit running watch for one workspace "
                   "(the instance is its path, escaped with systemd\\-escape \\-\\-path)")],
    },
}


class Translator:
    def __init__(self, lang, strict):
        self.lang, self.strict, self.missing = lang, strict, []
        with open(os.path.join(HERE, "manpage-en.json"), encoding="utf-8") as f:
            self.table = json.load(f)

    def __call__(self, text):
        if self.lang == "ja" or not text:
            return text
        # The argument parser's own texts are English already.
        if text.isascii():
            return text
        if text in self.table:
            return self.table[text]
        self.missing.append(text)
        return text


def roff(text):
    """Escapes text for roff: backslashes, hyphens of options, and a control character at a line start."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return "\n".join(("\\&" + line) if line.startswith((".", "'")) else line for line in text.split("\n"))


def option_label(argument):
    if argument["kind"] == "positional":
        return "\\fI" + argument["valueName"] + "\\fR" + ("..." if argument.get("isRepeating") else "")
    names = []
    for name in argument.get("names", []):
        dashes = "\\-" if name["kind"] in ("short", "longWithSingleDash") else "\\-\\-"
        names.append("\\fB" + dashes + name["name"].replace("-", "\\-") + "\\fR")
    label = ", ".join(names)
    if argument["kind"] == "option":
        label += " \\fI" + argument["valueName"] + "\\fR"
    return label


def synopsis(command_path, arguments):
    words = ["\\fB" + " ".join(command_path) + "\\fR"]
    for argument in arguments:
        label = option_label(argument)
        words.append(label if not argument.get("isOptional") else "[" + label + "]")
    return " ".join(words)


def displayed(arguments):
    return [a for a in arguments or [] if a.get("shouldDisplay", True) and not (
        a["kind"] == "flag" and any(n["name"] in ("help", "version") for n in a.get("names", [])))]


def page(dump, lang, t, date):
    root = dump["command"]
    h = HEADINGS[lang]
    out = [f'.TH FURIKAERI 1 "{date}" "furikaeri" "{h["manual"]}"']
    # Left-aligned, no hyphenation: Japanese lines have no spaces to stretch.
    out += [".ad l", ".nh"]
    out += [f".SH {h['name']}", "furikaeri \\- " + roff(t(root["abstract"]))]
    out += [f".SH {h['synopsis']}", "\\fBfurikaeri\\fR \\fI" + h["subcommand_synopsis"] + "\\fR"]
    out += [f".SH {h['description']}", roff(t(root["abstract"])), ".PP", FIXED[lang]["description"]]
    out += [f".SH {h['commands']}"]
    for command in root.get("subcommands", []):
        if command["commandName"] == "help" or not command.get("shouldDisplay", True):
            continue
        arguments = displayed(command.get("arguments"))
        out += [f'.SS "furikaeri {command["commandName"]}"', synopsis(["furikaeri", command["commandName"]], arguments),
                ".PP", roff(t(command.get("abstract", "")))]
        if command.get("discussion"):
            # The discussion is laid out by hand (tables, lists): kept line for line.
            out += [".PP", ".nf", roff(t(command["discussion"])), ".fi"]
        for argument in arguments:
            text = t(argument.get("abstract", ""))
            if argument.get("defaultValue") is not None and argument["kind"] != "flag":
                text += f" ({h['default']}: {argument['defaultValue']})"
            out += [".TP", option_label(argument), roff(text)]
    out += [f".SH {h['files']}"]
    for path, what in FIXED[lang]["files"]:
        out += [".TP", path, what]
    out += [f".SH {h['see']}", "systemctl(1), journalctl(1), systemd\\-escape(1)"]
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--lang", choices=["ja", "en"], required=True)
    parser.add_argument("--strict", action="store_true", help="fail when a help text has no English")
    options = parser.parse_args()
    dump = json.loads(subprocess.run([options.binary, "--experimental-dump-help"], check=True,
                                     capture_output=True).stdout)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else datetime.datetime.now()
    translate = Translator(options.lang, options.strict)
    text = page(dump, options.lang, translate, when.strftime("%Y-%m-%d"))
    if translate.missing:
        for missing in dict.fromkeys(translate.missing):
            print(f"make_manpage.py: no English in packaging/manpage-en.json for: {json.dumps(missing, ensure_ascii=False)}",
                  file=sys.stderr)
        if options.strict:
            return 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
