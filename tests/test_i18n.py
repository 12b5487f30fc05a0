"""Every message a person reads exists in French and English, and the right one is shown."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from cli_support import run_planner
from planner import i18n, i18n_build
from planner.course import load_course
from planner.plans import check_plan, plan_language

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "planner"


def test_every_message_of_the_code_has_its_french_translation():
    """Fails when a message lacks French, when a translation drops or invents a placeholder,
    or when the catalog holds messages the code no longer has."""
    problems = i18n_build.problems()
    assert problems == [], ("run `python -m planner.cli.messages update`, translate, see "
                            "docs/architecture.md:\n" + "\n".join(problems))


def test_the_catalog_compiles_and_translates():
    source = i18n.LOCALE / "fr" / "LC_MESSAGES" / "planner.po"
    compiled = i18n.compile_po(source)
    assert compiled[:4] in (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # a GNU .mo file
    assert i18n.in_language("fr", "the plan is empty") == "le plan est vide"
    assert i18n.in_language("en", "the plan is empty") == "the plan is empty"


def _message_argument(call: ast.Call, position: int, keyword: str):
    if len(call.args) > position:
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


def _is_literal_text(node) -> bool:
    """A message written as words no translation can reach: a bare string or an f-string with
    words, or such a piece joined with `+` (an option name alone, `--date: `, is not a message)."""
    if isinstance(node, ast.BinOp):
        return _is_literal_text(node.left) or _is_literal_text(node.right)
    if isinstance(node, ast.BoolOp):  # `reason or "not written"`
        return any(_is_literal_text(value) for value in node.values)
    if isinstance(node, ast.IfExp):  # `"a" if x else _("b")`
        return _is_literal_text(node.body) or _is_literal_text(node.orelse)
    if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "clean":
        return any(_is_literal_text(argument) for argument in node.args)
    if isinstance(node, ast.JoinedStr):
        return any(_is_literal_text(value) for value in node.values if isinstance(value, ast.Constant))
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)
            and bool(_WORDS.search(node.value)) and not _OPTION.match(node.value)
            and not _DIAGNOSTIC.match(node.value))


_WORDS = re.compile(r"[^\W\d_]{2}")
_OPTION = re.compile(r"^\s*--[\w-]+:?\s*$")
# The diagnostic line's own format, the same in every language: `path: error: message`.
_DIAGNOSTIC = re.compile(r"^\s*:?\s*(error|warning):\s*$")

# Calls whose text argument a person reads: (function name, position, keyword). Every
# exception whose name ends in "Error" is one too (position 0), except Python's own, raised
# for a bug of planner's (a rule registered twice), which only a developer reads.
_SINKS = {"Flag": (1, "message"), "report": (2, "message"), "finding": (4, "message"),
          "echo": (0, "message"), "secho": (0, "message"), "tell": (0, "text")}
_DEVELOPER_ERRORS = {"ValueError", "TypeError", "AssertionError", "KeyError", "RuntimeError"}
# Development tools, in English for the developers who run them.
_NOT_USER_FACING = {"i18n_build.py", "cli/messages.py"}


def _files():
    for path in sorted(PACKAGE.rglob("*.py")):
        if str(path.relative_to(PACKAGE)) not in _NOT_USER_FACING:
            yield path


def _literal_messages(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    literal = []
    for node in ast.walk(tree):
        # `outcome.error = f"..."`: the line a batch prints for a plan that failed.
        if isinstance(node, ast.Assign) and any(getattr(target, "attr", None) == "error"
                                                for target in node.targets):
            if _is_literal_text(node.value):
                literal.append(f"{path.name}:{node.lineno}")
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None) or ""
        if name in _SINKS or (name.endswith("Error") and name not in _DEVELOPER_ERRORS) or name == "Terminated":
            argument = _message_argument(node, *_SINKS.get(name, (0, "message")))
            if argument is not None and _is_literal_text(argument):
                literal.append(f"{path.name}:{node.lineno}")
        hint = next((k.value for k in node.keywords if k.arg == "hint"), None)
        if hint is not None and _is_literal_text(hint):
            literal.append(f"{path.name}:{node.lineno} (hint)")
    return literal


@pytest.mark.parametrize("path", list(_files()), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_messages_go_through_the_catalog(path):
    """Every module: a finding, an error, a hint or a line printed for a person is written
    in `_()` (or `ngettext`), so the catalog test above proves it has its French."""
    assert _literal_messages(path) == [], "wrap these messages in _() (planner.i18n)"


def test_the_scan_sees_an_english_only_message(tmp_path):
    """The scan above is not vacuous: it finds each kind of untranslated message."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "raise UsageError(f'no plan {name}', hint='name one')\n"
        "click.echo('wrote ' + str(path))\n"
        "yield Flag(path, 'stage has no why')\n"
        "raise UsageError('--date: ' + _('bad'))\n"
        "raise ValueError('rule registered twice')\n"
        "raise OutputError(reason or 'not written')\n", encoding="utf-8")
    assert sorted(_literal_messages(sample)) == ["sample.py:1", "sample.py:1 (hint)", "sample.py:2",
                                                 "sample.py:3", "sample.py:6"]


def test_a_plan_speaks_its_language_first_then_lang_then_the_course():
    course = load_course()
    french_course = load_course()
    object.__setattr__(french_course, "language", "fr")
    assert plan_language({"language": "en"}, "fr", french_course) == "en"
    assert plan_language({}, "fr", course) == "fr"
    assert plan_language({}, None, french_course) == "fr"
    assert plan_language({}, None, course) == "en"  # nothing says: English
    assert plan_language({"language": "de"}, None, course) == "en"


def test_findings_of_a_french_plan_are_french_and_of_an_english_plan_english(tmp_path):
    course = load_course()
    text = (ROOT / "tests/fixtures/check/clean.yaml").read_text(encoding="utf-8")
    broken = text.replace("{name: Ada Lovelace,", "{nmae: x, name: Ada Lovelace,", 1)
    assert broken != text
    english = tmp_path / "en.yaml"
    english.write_text(broken, encoding="utf-8")
    french = tmp_path / "fr.yaml"
    french.write_text(broken.replace("language: en", "language: fr"), encoding="utf-8")
    (en_finding,) = check_plan(english, course).findings
    (fr_finding,) = check_plan(french, course).findings
    assert en_finding.message == "unknown key 'nmae' in 'team.members[1]'"
    assert fr_finding.message == "clé inconnue «\u00a0nmae\u00a0» dans «\u00a0team.members[1]\u00a0»"
    assert en_finding.hint == "did you mean 'name'?"
    assert fr_finding.hint == "vouliez-vous dire «\u00a0name\u00a0»\u00a0?"
    # Rule ids and the JSON field names never change with the language.
    assert (fr_finding.id, set(fr_finding.as_dict())) == (en_finding.id, set(en_finding.as_dict()))


def test_the_command_line_speaks_lang_without_a_plan(tmp_path):
    missing = run_planner("check", tmp_path / "nowhere.yaml", "--lang", "fr")
    assert missing.returncode == 2 and "[PLN000] fichier introuvable" in missing.stdout
    english = run_planner("check", tmp_path / "nowhere.yaml")
    assert english.returncode == 2 and "[PLN000] no such file" in english.stdout
    folder = run_planner("check", tmp_path / "none", "--lang", "fr")
    assert folder.returncode == 2 and "fichier ou dossier introuvable" in folder.stderr
    explained = run_planner("check", "--explain", "PLN104", "--lang", "fr")
    assert explained.stdout.startswith("PLN104 (erreur): Une étape nomme des outils sans dire pourquoi.")


def test_the_summary_line_follows_the_plan(tmp_path):
    result = run_planner("check", ROOT / "examples/smart-meter-fr.yaml")
    assert result.returncode == 0
    assert "0 erreur, 0 avertissement\u00a0; complétude 100" in result.stderr
    # Its sections are named by the course's French labels, not by their ids.
    assert "(Infrastructure 100\u00a0%, Données 100\u00a0%, Modèle 100\u00a0%" in result.stderr
    english = run_planner("check", ROOT / "examples/genai-assistant-en.yaml")
    assert "Integrated platform 100%, Generative AI 100%)" in english.stderr


def test_builds_error_summary_follows_the_plan(tmp_path):
    """`build` of a plan with errors ends with its counts: French for a French plan, as the
    agenda and the 'écrit' lines before it (it was English)."""
    text = (ROOT / "examples/smart-meter-fr.yaml").read_text(encoding="utf-8")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text.replace("\nteam:\n", "\nteam:\n  nmae: x\n", 1), encoding="utf-8")
    result = run_planner("build", plan, "--only", "plan", "-o", tmp_path / "out")
    assert result.returncode == 1, result.stderr
    assert "1 erreur" in result.stderr and "lancez `planner check` pour le détail" in result.stderr
    assert "for details" not in result.stderr


def test_the_catalog_speaks_the_course_language_or_lang(tmp_path):
    course = (ROOT / "planner/data/course.yaml").read_text(encoding="utf-8")
    (tmp_path / "course.yaml").write_text(
        course.replace("  final_due:", "  language: fr\n  final_due:", 1), encoding="utf-8")
    french = run_planner("catalog", "experiment-tracking", cwd=tmp_path)
    assert french.returncode == 0, french.stderr
    assert french.stdout.startswith("experiment-tracking: Suivi des expériences (requis)")
    english = run_planner("catalog", "experiment-tracking", "--lang", "en", cwd=tmp_path)
    assert english.stdout.startswith("experiment-tracking: Experiment tracking (required)")
    as_json = run_planner("catalog", "experiment-tracking", "--format", "json", cwd=tmp_path)
    assert {"name", "stages"} <= set(json.loads(as_json.stdout)[0])


def test_roster_findings_speak_the_course_language(tmp_path):
    rows = ("Équipe;Nom;Prénom;Courriel;Code permanent\n"
            "Solo;Solo;Han;han@example;1\n")
    sheet = tmp_path / "roster.csv"
    sheet.write_text(rows, encoding="utf-8")
    course = (ROOT / "planner/data/course.yaml").read_text(encoding="utf-8")
    french = tmp_path / "course.yaml"
    french.write_text(course.replace("  final_due:", "  language: fr\n  final_due:", 1), encoding="utf-8")
    out = tmp_path / "r.yaml"
    done = run_planner("roster", "pull", "--csv", sheet, "-o", out, "--course", french)
    assert done.returncode == 1
    assert "[ROS002] l'équipe «\u00a0Solo\u00a0» a 1 membre ; le cours en permet de 3 à 4" \
        .replace(" ;", "\u00a0;") in done.stdout, done.stdout
    assert "[ROS007] adresse électronique mal formée «\u00a0han@example\u00a0» (Han Solo)" in done.stdout
    english = run_planner("roster", "pull", "--csv", sheet, "-o", tmp_path / "e.yaml")
    assert "[ROS002] team 'Solo' has 1 member; the course allows 3 to 4" in english.stdout


def test_a_checkout_keeps_the_compiled_catalog_beside_the_parsed_data(tmp_path):
    source = i18n.LOCALE / "fr" / "LC_MESSAGES" / "planner.po"
    first = i18n._compiled(source, "fr")
    stat = source.stat()
    kept = i18n.resources.CACHE / "locale" / f"fr-{stat.st_mtime_ns}-{stat.st_size}.mo"
    assert kept.read_bytes() == first == i18n.compile_po(source)


def test_guard_messages_follow_the_plan_language(tmp_path):
    """The guards' messages (sandboxed templates, the file gate) use the one gettext catalog
    and the same language rule as findings: a French plan gets them in French."""
    folder = tmp_path / "t" / "plan" / "sections"
    folder.mkdir(parents=True)
    (folder / "footer.md.j2").write_text("{{ ''.__class__.__mro__ }}\n", encoding="utf-8")
    french = run_planner("build", ROOT / "examples/smart-meter-fr.yaml", "-o", tmp_path / "out",
                         "--only", "plan", "--templates", tmp_path / "t")
    assert french.returncode == 2 and "interdit dans un gabarit\u00a0:" in french.stderr, french.stderr
    english = run_planner("build", ROOT / "examples/genai-assistant-en.yaml", "-o", tmp_path / "out",
                          "--only", "plan", "--templates", tmp_path / "t")
    assert english.returncode == 2 and "not allowed in a template:" in english.stderr, english.stderr
    import os
    fifo = tmp_path / "plan.yaml"
    os.mkfifo(fifo)
    refused = run_planner("check", fifo, "--lang", "fr")
    assert refused.returncode == 2
    assert ("est un tube nommé (FIFO), pas un fichier ordinaire\u00a0: planner ne lit un fichier de plan"
            in refused.stdout + refused.stderr), refused.stdout + refused.stderr


def test_no_second_message_mechanism():
    """One mechanism: no module keeps its own table of texts per language."""
    assert not (PACKAGE / "say.py").exists() and not (PACKAGE / "data" / "messages").exists()
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Dict) and {"fr", "en"} <= {
                    k.value for k in node.keys if isinstance(k, ast.Constant)} and any(
                    isinstance(v, (ast.Constant, ast.Dict, ast.JoinedStr)) and not isinstance(
                        getattr(v, "value", None), int) for v in node.values):
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == [], "use planner.i18n (_(), N_()) instead of a per-language table"


def test_deck_findings_speak_the_plan_language_whatever_lang_says(tmp_path):
    """PLN603 (items moved to backup slides) is a finding like the others: in the plan's
    language, even when --lang asks for the other one."""
    import yaml
    plan = yaml.safe_load((ROOT / "examples/smart-meter-fr.yaml").read_text(encoding="utf-8"))
    plan["presentation"] = {"minutes": 5}
    french = tmp_path / "court.yaml"
    french.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    plan["language"] = "en"
    english = tmp_path / "short.yaml"
    english.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    fr = run_planner("check", "--fit", french, "--lang", "en")
    assert "[PLN603] jalons 1-6\u00a0: en annexe, diapositive" in fr.stdout, fr.stdout
    en = run_planner("check", "--fit", english, "--lang", "fr")
    assert "[PLN603] milestones 1-6 moved to backup slide" in en.stdout, en.stdout


def test_one_moved_item_is_named_in_the_singular():
    """'component 7 moved to backup slide 19', not 'components 7'; in French too."""
    from deck_support import render_data
    from planner.deck.fit import Move, message
    from planner.i18n import language
    data = render_data(str(ROOT / "examples/smart-meter-fr.yaml"))
    one = Move(("architecture", "components", 6), ("architecture", "components"), 7, 7, 19)
    more = Move(("architecture", "components", 6), ("architecture", "components"), 7, 9, 19)
    with language("en"):
        assert message(one, data).startswith("component 7 moved to backup slide 19")
        assert message(more, data).startswith("components 7-9 moved to backup slide 19")
    with language("fr"):
        assert message(one, data).startswith("composant 7\u00a0: en annexe, diapositive 19")
        assert message(more, data).startswith("composants 7-9\u00a0: en annexe, diapositive 19")


def test_roster_pull_speaks_lang(tmp_path):
    sheet = tmp_path / "roster.csv"
    sheet.write_text("Équipe;Nom;Prénom;Courriel\nSolo;Solo;Han;han@example.org\n", encoding="utf-8")
    french = run_planner("roster", "pull", "--csv", sheet, "-o", tmp_path / "r.yaml", "--lang", "fr")
    assert french.returncode == 1
    assert "[ROS002] l'équipe «\u00a0Solo\u00a0» a 1 membre" in french.stdout
    assert "(1 équipe, 1 étudiant\u00a0; 1 erreur, 0 avertissement)" in french.stderr, french.stderr


# Bad input to every command, without a plan to take a language from: the message follows
# --lang. Each pair must differ, and the French one must not hold the English message.
_BAD_INPUT = [
    ("check", "nowhere.yaml"), ("build", "--only", "nothing"), ("report", "--start", "25:99"),
    ("diff", "one.yaml"), ("examples", "nope"), ("docs", "nope"), ("grade", "x", "--collect", "y"),
    ("export", "--format", "canvas"), ("rehearse", "nowhere.pptx"), ("roster", "pull"),
    ("catalog", "monitorng"), ("check", "--explain", "PLN999"),
]


@pytest.mark.parametrize("args", _BAD_INPUT, ids=lambda args: " ".join(args))
def test_every_command_speaks_lang_on_bad_input(tmp_path, args):
    english = run_planner(*args, "--lang", "en", cwd=tmp_path)
    french = run_planner(*args, "--lang", "fr", cwd=tmp_path)
    assert english.returncode == french.returncode == 2, (english.stderr, french.stderr)
    said_en = (english.stdout + english.stderr).strip().splitlines()[-1]
    said_fr = (french.stdout + french.stderr).strip().splitlines()[-1]
    message = said_en.split(": ", 1)[-1].split(" (")[0]  # the English words after "error: "
    assert said_fr != said_en and message not in said_fr, (said_en, said_fr)


def test_the_kept_message_table_translates_as_the_parsed_catalog(tmp_path, monkeypatch):
    """Later runs build the French catalog from the table the first run parsed (marshal):
    every message, every plural form and the header are the same; a broken table means
    parsing the catalog again."""
    import gettext
    import io

    source = i18n.LOCALE / "fr" / "LC_MESSAGES" / "planner.po"
    parsed = gettext.GNUTranslations(io.BytesIO(i18n._compiled(source, "fr")))
    monkeypatch.setattr(i18n.resources, "CACHE", tmp_path)
    first = i18n._catalog(source, "fr", lambda: i18n._compiled(source, "fr"))
    kept = list((tmp_path / "locale").glob("fr-po-*.marshal"))
    assert len(kept) == 1
    table = i18n._catalog(source, "fr", lambda: pytest.fail("parsed again"))
    assert isinstance(table, i18n._Table) and not isinstance(first, i18n._Table)
    catalog = vars(parsed)["_catalog"]
    for key in catalog:
        if isinstance(key, tuple):
            assert [table.ngettext(key[0], key[0], n) for n in (0, 1, 2, 5)] == [
                parsed.ngettext(key[0], key[0], n) for n in (0, 1, 2, 5)], key
        else:
            assert table.gettext(key) == parsed.gettext(key), key
    assert table.info() == parsed.info() and table.charset() == parsed.charset()
    kept[0].write_bytes(b"broken")
    again = i18n._catalog(source, "fr", lambda: i18n._compiled(source, "fr"))
    assert again.gettext("interrupted") == parsed.gettext("interrupted")
