#!/usr/bin/env python3
"""Adds or changes sentences in every translation file at once (ideate.pot and each language's
.po in Sources/IdeateCore/Localization/Translations/), for a developer adding a phrase case.

  python3 docs/translations/po_entries.py add ROWS.py   # ROWS = [(key, comment, en, de, fr, nl, es), ...]
  python3 docs/translations/po_entries.py set SETS.py   # SETS = [(language, key, text), ...]

A plural sentence is a tuple of forms: English, German and Dutch (one, other); French and Spanish
(one, many, other; "many" for whole millions). Every form of a plural holds {count}; no
translation may name a placeholder the English lacks. `add` refuses a key that exists; `set`
replaces an entry's msgstr. Run `msgfmt --check` and `swift test --filter TranslationFileTests`
afterwards; the phrase case goes in its enum (Sources/IdeateCore/Localization/Phrases/).
"""
import os, re, sys

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Sources", "IdeateCore", "Localization", "Translations")
FILES = {"pot": "ideate.pot", "de": "de.po", "fr": "fr.po", "nl": "nl.po", "es": "es.po"}


def quoted(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def load(path):
    scope = {}
    exec(open(path, encoding="utf-8").read(), scope)
    return scope


def add(rows):
    texts = {name: open(os.path.join(FOLDER, file), encoding="utf-8").read() for name, file in FILES.items()}
    for row in rows:
        for name, text in texts.items():
            if f'msgctxt "{row[0]}"\n' in text:
                sys.exit(f"{row[0]} is already in {FILES[name]}")
    added = {name: "" for name in FILES}
    for key, comment, english, *translated in rows:
        plural = isinstance(english, tuple)
        languages = dict(zip(["de", "fr", "nl", "es"], translated))
        placeholders = set(re.findall(r"\{(\w+)\}", english[0] if plural else english))
        for forms in [english, *languages.values()]:
            for form in (forms if isinstance(forms, tuple) else (forms,)):
                assert set(re.findall(r"\{(\w+)\}", form)) <= placeholders, (key, form)
                assert not plural or "{count}" in form, (key, form)
        for name in FILES:
            entry = "\n" + (f"#. {comment}\n" if comment else "") + ("#, python-brace-format\n" if placeholders else "")
            entry += f'msgctxt "{key}"\n'
            if plural:
                entry += f"msgid {quoted(english[0])}\nmsgid_plural {quoted(english[1])}\n"
                forms = ("", "") if name == "pot" else languages[name]
                entry += "".join(f"msgstr[{index}] {quoted(form)}\n" for index, form in enumerate(forms))
            else:
                entry += f"msgid {quoted(english)}\nmsgstr {quoted('' if name == 'pot' else languages[name])}\n"
            added[name] += entry
    for name, file in FILES.items():
        with open(os.path.join(FOLDER, file), "w", encoding="utf-8") as out:
            out.write(texts[name].rstrip("\n") + "\n" + added[name])
    print(f"added {len(rows)}")


def set_entries(sets):
    for language, key, value in sets:
        path = os.path.join(FOLDER, FILES[language])
        text = open(path, encoding="utf-8").read()
        start = text.index(f'msgctxt "{key}"\n')
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        lines = [line for line in text[start:end].split("\n") if not line.startswith("msgstr")]
        if isinstance(value, tuple):
            lines += [f"msgstr[{index}] {quoted(form)}" for index, form in enumerate(value)]
        else:
            lines.append(f"msgstr {quoted(value)}")
        with open(path, "w", encoding="utf-8") as out:
            out.write(text[:start] + "\n".join(lines) + text[end:])
    print(f"set {len(sets)}")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("add", "set"):
        sys.exit(__doc__)
    if sys.argv[1] == "add":
        add(load(sys.argv[2])["ROWS"])
    else:
        set_entries(load(sys.argv[2])["SETS"])
