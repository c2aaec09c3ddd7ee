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

def _step(job: dict, uses: str) -> dict:
    return next(s for s in job["steps"] if str(s.get("uses", "")).startswith(uses))


def assert_full_history(job: dict) -> None:
    """The build reads each earlier edition from git at its tag (issue 20): the checkout
    holds the whole history and every tag, not the default single commit."""
    checkout = _step(job, "actions/checkout@")
    assert checkout.get("with", {}).get("fetch-depth") == 0
    assert checkout["with"].get("fetch-tags") is True


def test_pull_requests_build_once_then_run_every_test_against_that_build():
    wf = load(".github/workflows/check.yml")
    assert "pull_request" in triggers(wf)
    build, test = wf["jobs"]["build"], wf["jobs"]["test"]
    runs = steps_text(build)
    assert "make test-fast" in runs and "make build" in runs and runs.index("make test-fast") < runs.index("make build")
    upload = _step(build, "actions/upload-artifact@")
    assert upload["with"]["name"] == "site-preview" and upload["with"]["path"].rstrip("/") == "site"
    # the browser suite runs on every pull request, on the site built above (built once per run)
    assert test["needs"] == "build"
    assert ".ci/run" in steps_text(test) and "make build" not in steps_text(test)
    assert _step(test, "actions/download-artifact@")["with"]["name"] == "site-preview"
    assert test["env"]["PROCEDURES_TEST_SITE"] == "site"
    assert wf["permissions"] == {"contents": "read"}
    for job in (build, test):
        assert_full_history(job)
        assert "actions/cache@" in steps_text(job)


def test_ci_entry_point_is_just_make_test():
    lines = [line.strip() for line in (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[-1] == "make test"
    assert not any("apt-get" in line or "git " in line for line in lines)


def test_main_is_published_after_the_fast_checks_and_strict_build_and_rebuilt_every_day():
    wf = load(".github/workflows/publish.yml")
    on = triggers(wf)
    assert on["push"]["branches"] == ["main"]
    (cron,) = [entry["cron"] for entry in on["schedule"]]
    minute, hour, dom, month, dow = cron.split()
    assert (dom, month, dow) == ("*", "*", "*") and minute.isdigit() and hour.isdigit(), "once a day"
    assert "workflow_dispatch" in on
    # only the deploy job may write to Pages or ask for an OIDC token
    assert wf["permissions"] == {"contents": "read"}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    runs = steps_text(build)
    order = [runs.index(part) for part in ("make publish-ready", "make test-fast", "make build",
                                           "actions/upload-pages-artifact@")]
    assert order == sorted(order)
    # a flaky browser test must not hold back a content update: the publish runs no browser suite
    assert ".ci/run" not in runs and "make test\n" not in runs + "\n" and "test-browser" not in runs
    assert deploy["needs"] == "build"
    assert_full_history(build)
    assert deploy["environment"]["name"] == "github-pages"
    assert "actions/deploy-pages@" in steps_text(deploy)


def test_the_placeholder_site_url_stops_the_publish_with_one_line(tmp_path):
    import shutil

    shutil.copy(REPO / "Makefile", tmp_path / "Makefile")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://procedures.example.org/\n", encoding="utf-8")
    # run as a user would, not as a sub-make of `make test` (which adds "make[1]: Entering …")
    env = {k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")}
    res = subprocess.run(["make", "-s", "publish-ready"], cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env)
    assert res.returncode != 0
    (line,) = [x for x in res.stderr.splitlines() if not re.match(r"make(\[\d+\])?:", x)]
    assert line.startswith("site_url in mkdocs.yml is still the placeholder https://procedures.example.org/ — set it")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: https://procedures.llr-scp.example.uk/\n", encoding="utf-8")
    assert subprocess.run(["make", "-s", "publish-ready"], cwd=tmp_path, capture_output=True, timeout=60, env=env).returncode == 0


def test_workflows_only_run_what_the_project_provides():
    assert os.access(REPO / ".ci/run", os.X_OK)
    targets = make_targets()
    for rel in (".github/workflows/check.yml", ".github/workflows/publish.yml", ".gitlab-ci.yml", ".ci/run"):
        for target in re.findall(r"\bmake ([a-z][\w-]*)", (REPO / rel).read_text(encoding="utf-8")):
            assert target in targets, f"{rel}: make {target} does not exist"


def test_dependabot_keeps_pip_npm_and_actions_current():
    updates = {u["package-ecosystem"]: u for u in load(".github/dependabot.yml")["updates"]}
    assert set(updates) >= {"pip", "npm", "github-actions"}
    assert updates["npm"]["directory"] == "/tests/browser"
    # Playwright moves only with the system Chromium (requirements/pins.txt)
    assert {"dependency-name": "playwright"} in updates["pip"]["ignore"]


# --- GitLab CI ---------------------------------------------------------------------------------

def test_gitlab_builds_once_per_merge_request_and_publishes_after_fast_checks():
    ci = load(".gitlab-ci.yml")
    # the whole history and every tag (GitLab clones 20 commits by default): the build
    # reads each earlier edition from git at its tag (issue 20)
    assert ci["variables"]["GIT_DEPTH"] == 0
    assert "--tags" in ci["variables"]["GIT_FETCH_EXTRA_FLAGS"].split()
    check, test, pages = ci["check"], ci["test"], ci["pages"]
    mr = [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert check["rules"] == mr and test["rules"] == mr
    assert check["script"] == ["make test-fast", "make build"]
    assert check["artifacts"]["expose_as"] == "Site preview" and check["artifacts"]["paths"] == ["site/"]
    assert test["needs"] == ["check"] and test["script"] == [".ci/run"]
    assert test["variables"]["PROCEDURES_TEST_SITE"] == "site"
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert pages["script"][:3] == ["make publish-ready", "make test-fast", "make build"]
    assert "mv site public" in pages["script"][3]
    assert pages["artifacts"]["paths"] == ["public"]
    # scheduled pipelines (the daily rebuild) are allowed to run and publish
    sources = " ".join(rule["if"] for rule in ci["workflow"]["rules"])
    assert '$CI_PIPELINE_SOURCE == "schedule"' in sources
    assert {check["stage"], test["stage"], pages["stage"]} <= set(ci["stages"])
    assert ci["cache"], "the pip, npm and PDF caches"


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
        pytest.skip("codespell is not installed (make test-fast installs it)")
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
