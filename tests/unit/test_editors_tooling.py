"""The files that run the checks outside the site: GitHub Actions, GitLab CI, pre-commit,
the pull request template and the en-GB spelling dictionary."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

BIN = Path(sys.executable).parent


def load(rel: str) -> dict:
    data = yaml.safe_load((REPO / rel).read_text(encoding="utf-8"))
    assert isinstance(data, dict), rel
    return data


def triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the key `on` as True
    return workflow.get("on", workflow.get(True)) or {}


def steps_text(job: dict) -> str:
    return "\n".join(str(step.get("run", "")) + " " + str(step.get("uses", "")) for step in job.get("steps", []))


def make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (REPO / "Makefile").read_text(encoding="utf-8"), re.M))


# --- GitHub Actions ----------------------------------------------------------------------------

def test_pull_requests_run_every_test_and_a_strict_build_with_a_preview():
    wf = load(".github/workflows/check.yml")
    assert "pull_request" in triggers(wf)
    (job,) = wf["jobs"].values()
    checkout = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    runs = steps_text(job)
    assert ".ci/run" in runs and "make build" in runs
    assert runs.index(".ci/run") < runs.index("make build")
    upload = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
    assert upload["with"]["name"] == "site-preview" and upload["with"]["path"].rstrip("/") == "site"
    assert wf["permissions"] == {"contents": "read"}


def test_main_is_published_to_github_pages_and_rebuilt_every_day():
    wf = load(".github/workflows/publish.yml")
    on = triggers(wf)
    assert on["push"]["branches"] == ["main"]
    (cron,) = [entry["cron"] for entry in on["schedule"]]
    minute, hour, dom, month, dow = cron.split()
    assert (dom, month, dow) == ("*", "*", "*") and minute.isdigit() and hour.isdigit(), "once a day"
    assert "workflow_dispatch" in on
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert next(s for s in build["steps"] if "checkout" in str(s.get("uses")))["with"]["fetch-depth"] == 0
    runs = steps_text(build)
    assert ".ci/run" in runs and "make build" in runs and "actions/upload-pages-artifact@" in runs
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert "actions/deploy-pages@" in steps_text(deploy)


def test_workflows_only_run_what_the_project_provides():
    assert os.access(REPO / ".ci/run", os.X_OK)
    targets = make_targets()
    for rel in (".github/workflows/check.yml", ".github/workflows/publish.yml", ".gitlab-ci.yml"):
        for target in re.findall(r"\bmake ([a-z][\w-]*)", (REPO / rel).read_text(encoding="utf-8")):
            assert target in targets, f"{rel}: make {target} does not exist"


# --- GitLab CI ---------------------------------------------------------------------------------

def test_gitlab_has_a_merge_request_preview_and_pages_from_the_default_branch():
    ci = load(".gitlab-ci.yml")
    assert str(ci["variables"]["GIT_DEPTH"]) == "0"
    check, pages = ci["check"], ci["pages"]
    assert check["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert check["script"] == [".ci/run", "make build"]
    assert check["artifacts"]["expose_as"] == "Site preview" and check["artifacts"]["paths"] == ["site/"]
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["script"][:2] == [".ci/run", "make build"] and "mv site public" in pages["script"][2]
    assert pages["artifacts"]["paths"] == ["public"]
    # scheduled pipelines (the daily rebuild) are allowed to run and publish
    sources = " ".join(rule["if"] for rule in ci["workflow"]["rules"])
    assert '$CI_PIPELINE_SOURCE == "schedule"' in sources
    assert {check["stage"], pages["stage"]} <= set(ci["stages"])


# --- pre-commit and the pull request template --------------------------------------------------

def test_pre_commit_runs_the_check_ruff_and_codespell_locally():
    hooks = {h["id"]: h for repo in load(".pre-commit-config.yaml")["repos"] for h in repo["hooks"]}
    assert {"procedures-check", "procedures-schemas", "ruff", "codespell", "codespell-en-gb"} <= set(hooks)
    assert hooks["procedures-check"]["entry"] == ".venv/bin/procedures check"
    assert hooks["procedures-check"]["pass_filenames"] is False
    assert "--dictionary .codespell/en-GB.txt" in hooks["codespell-en-gb"]["entry"]
    for hook in hooks.values():
        assert hook["language"] == "system"  # nothing is downloaded
        exe = hook["entry"].split()[0]
        assert exe.startswith(".venv/bin/"), exe
        assert (BIN / Path(exe).name).exists(), f"{exe} is not installed by the project"
        if "files" in hook:
            re.compile(hook["files"])


def test_pull_request_template_reminds_that_everything_is_public():
    text = (REPO / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert "Everything here is public" in text
    assert re.search(r"no names, initials, dates, places or other details that could identify a child, a family", text)
    assert "amendments" in text and "- [ ]" in text


# --- en-GB spelling ----------------------------------------------------------------------------

def codespell(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess:
    exe = BIN / "codespell"
    if not exe.exists():
        pytest.skip("codespell is not installed (pip install -e '.[test]')")
    return subprocess.run([str(exe), *args], capture_output=True, text=True, cwd=cwd, timeout=120)


def test_en_gb_dictionary_flags_american_spellings_but_not_british_ones(tmp_path):
    sample = tmp_path / "page.md"
    sample.write_text("The organization will analyze the behavior of the center.\n"
                      "The organisation will analyse the behaviour of the centre. Good practice; a licence; a program.\n",
                      encoding="utf-8")
    result = codespell("--dictionary", str(REPO / ".codespell/en-GB.txt"), str(sample))
    assert result.returncode != 0
    flagged = re.findall(r"(\w+) ==> (\w+)", result.stdout)
    assert flagged == [("organization", "organisation"), ("analyze", "analyse"), ("behavior", "behaviour"), ("center", "centre")]


def test_content_is_spelt_in_british_english():
    """The same run as the codespell-en-gb pre-commit hook, over all content."""
    targets = ["docs", "data"] + (["README.md"] if (REPO / "README.md").exists() else [])
    result = codespell("--dictionary", ".codespell/en-GB.txt", *targets)
    assert result.returncode == 0, result.stdout


def test_content_has_no_common_misspellings():
    targets = ["docs", "data"] + (["README.md"] if (REPO / "README.md").exists() else [])
    result = codespell(*targets)
    assert result.returncode == 0, result.stdout


# --- README --------------------------------------------------------------------------------------

def test_readme_quick_start_is_exactly_two_commands_and_its_claims_are_true():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```\w*\n(.*?)```", quick, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.split("#")[0].strip()]
    assert commands == ["make serve", "make test"]
    targets = make_targets()
    for target in re.findall(r"`make ([a-z]+)`", text):
        assert target in targets, f"README mentions make {target}, which the Makefile lacks"
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    assert len(rows) >= 6
    for row in rows:
        for part in re.findall(r"`([^`]+)`", row.split("|")[1]):
            assert (REPO / part.rstrip("/")).exists(), f"README lists {part}, which does not exist"
    assert "(docs/editors/index.md)" in text and (REPO / "docs/editors/index.md").exists()
    help_text = subprocess.run([str(BIN / "procedures"), "--help"], capture_output=True, text=True, timeout=120).stdout
    for command in re.findall(r"\(`([a-z-]+)`", text):
        assert f"    {command}" in help_text, f"README mentions procedures {command}"
