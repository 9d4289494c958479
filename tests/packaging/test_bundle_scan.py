"""The release check's content rules, on small fake bundles (the real bundle is checked by `make release-check`)."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from calmedi_desktop.demo.patients import MARKER_RE, Markers, make_patient


def fake_bundle(root: Path) -> Path:
    bundle = root / "calmedi"
    (bundle / "_internal" / "calmedi_desktop" / "resources" / "icons").mkdir(parents=True)
    (bundle / "calmedi").write_bytes(b"\x7fELF not really")
    (bundle / "_internal" / "calmedi_desktop" / "resources" / "google_client.json").write_text('{"installed": {}}')
    (bundle / "_internal" / "calmedi_desktop" / "resources" / "icons" / "calmedi.svg").write_text("<svg/>")
    with zipfile.ZipFile(bundle / "_internal" / "base_library.zip", "w") as archive:
        archive.writestr("encodings/__init__.pyc", b"\x00compiled")  # PyInstaller's own archive: allowed
    return bundle


def findings_by_rule(scan: ModuleType, bundle: Path) -> dict[str, list[str]]:
    findings, _counts = scan.scan(bundle)
    result: dict[str, list[str]] = {}
    for finding in findings:
        result.setdefault(finding.rule, []).append(finding.where)
    return result


def a_marker() -> str:
    patient = make_patient(random.Random(7), Markers(random.Random(7)))
    (marker,) = MARKER_RE.findall(patient.last_name)
    return marker


def test_a_clean_bundle_has_no_finding(scan: ModuleType, tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path)
    findings, counts = scan.scan(bundle)
    assert findings == []
    assert counts["files"] == 4 and counts["archive_members"] == 1


@pytest.mark.parametrize(
    ("path", "rule"),
    [
        ("_internal/icalendar/tests/test_parser.py", "test"),
        ("_internal/mylib/test_things.py", "test"),
        ("_internal/conftest.py", "test"),
        ("_internal/pytest-8.3.0.dist-info/METADATA", "test"),
        ("_internal/stripe-16.0.0.dist-info/METADATA", "test"),
        ("_internal/calmedi_desktop/__pycache__/cli.cpython-311.pyc", "cache"),
        ("_internal/calmedi_desktop/service.pyc", "cache"),
        ("_internal/.pytest_cache/v/cache/nodeids", "cache"),
        ("_internal/.hypothesis/examples/ab", "cache"),
        ("_internal/calmedi_licence_server/app.py", "licence-server"),
    ],
)
def test_forbidden_files_are_found(scan: ModuleType, tmp_path: Path, path: str, rule: str) -> None:
    bundle = fake_bundle(tmp_path)
    (bundle / path).parent.mkdir(parents=True, exist_ok=True)
    (bundle / path).write_text("x")
    assert findings_by_rule(scan, bundle).get(rule) == [path]


def test_a_marker_patient_is_found_in_a_file_and_inside_an_archive(scan: ModuleType, tmp_path: Path) -> None:
    bundle = fake_bundle(tmp_path)
    marker = a_marker()
    export = bundle / "_internal" / "calmedi_desktop" / "resources" / "left-over-export.json"
    export.write_text(f'{{"summary": "Consultation – Dupont-{marker}"}}')
    with zipfile.ZipFile(bundle / "_internal" / "data.zip", "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("fixtures/patients.json", f'["{marker}"]'.encode())  # compressed: only seen inside
    where = findings_by_rule(scan, bundle)["marker"]
    assert where == [
        "_internal/calmedi_desktop/resources/left-over-export.json",
        "_internal/data.zip!fixtures/patients.json",
    ]


def test_the_generator_may_only_hold_the_example_of_its_own_docstring(scan: ModuleType) -> None:
    allowed = scan.allowed_markers()
    assert allowed and all(MARKER_RE.fullmatch(m) for m in allowed)
    (example,) = allowed
    in_generator = scan.Member("x!PYZ.pyz!" + scan.GENERATOR_MODULE, scan.GENERATOR_MODULE, "pyz", lambda: b"")
    elsewhere = scan.Member(
        "x!PYZ.pyz!calmedi_desktop.demo.session", "calmedi_desktop.demo.session", "pyz", lambda: b""
    )
    on_disk = scan.Member(scan.GENERATOR_MODULE, scan.GENERATOR_MODULE, None, lambda: b"")
    data = example.encode()
    assert list(scan._marker_findings(in_generator, data, allowed)) == []
    assert len(list(scan._marker_findings(elsewhere, data, allowed))) == 1
    assert len(list(scan._marker_findings(on_disk, data, allowed))) == 1
    other = a_marker().encode()
    assert [f.detail for f in scan._marker_findings(in_generator, data + b" " + other, allowed)] == [
        f"simulator marker {other.decode()}"
    ]


def test_bundled_modules_are_checked_by_name(scan: ModuleType) -> None:
    def module(name: str) -> ModuleType:
        return scan.Member(f"calmedi!PYZ.pyz!{name}", name, "pyz", lambda: b"")

    assert [f.rule for f in scan._module_findings(module("tests.e2e.test_leaks"))] == ["test"]
    assert [f.rule for f in scan._module_findings(module("calmedi_licence_server.billing"))] == ["licence-server"]
    assert list(scan._module_findings(module("calmedi_desktop.demo.patients"))) == []


def test_text_markers_reads_bytes_and_text(scan: ModuleType) -> None:
    marker = a_marker()
    assert scan.text_markers(f"created 3, patient {marker}") == {marker}
    assert scan.text_markers(b"39 created, 0 updated") == set()
