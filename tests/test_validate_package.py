"""The data package (usnk/validate/package.py): its structure, its resources and their
files, with exact results (reading the files: tests/test_datafiles.py)."""

from __future__ import annotations

import pytest

from datafixture import edit_package, only
from datafixture import resource as resource_of
from usnk.datafolder import validate_dir
from usnk.errors import DataError
from usnk.datafiles import load_package
from usnk.validate.package import check_package, resource_file, resources_by_name


def resource(name="a", path="a.csv", fields=None, **extra):
    return {"name": name, "path": path, "schema": {"fields": fields or [{"name": "x"}], **extra.pop("schema", {})},
            **extra}


def where(problems):
    return [(p.file, p.row, p.column, p.message, p.value) for p in problems]


def test_clean_package_has_no_problems():
    assert check_package({"resources": [
        resource(fields=[{"name": "x", "type": "integer", "constraints": {"pattern": "[0-9]+"}}],
                 schema={"primaryKey": ["x"]}, last_event_date="2020-01-01"),
        resource("b", "b.csv", last_event_date=None),
    ]}) == []


@pytest.mark.parametrize("package", [{}, {"resources": []}, {"resources": {"a": {}}}, {"resources": None}])
def test_package_without_resources(package):
    assert where(check_package(package)) == [
        ("datapackage.json", None, "resources", "expected a non-empty list of resources", None)]


def test_every_structural_problem_is_named():
    problems = check_package({"resources": [
        "not an object",
        {"path": "nameless.csv", "schema": {"fields": [{"name": "x"}]}},
        resource("a", "a.txt", last_event_date="2020-13-01", fields=[
            {"name": "x", "type": "datetime"}, {"name": "x"}, {"type": "string"}, "y",
            {"name": "p", "constraints": {"pattern": "("}}], schema={"primaryKey": ["x", "nope"]}),
        resource("a", "sub/a.csv", last_event_date=20200101),
        resource("c", "c\\d.csv"),
        {"name": "d", "path": "d.csv", "schema": {"fields": []}},
        {"name": "e", "path": "e.csv"},
        resource("f", "f.csv", fields=[{"name": "x"}, {"name": "x"}]),
    ]})
    assert where(problems) == [
        ("datapackage.json", None, "resources[0]", "expected an object", None),
        ("datapackage.json", None, "resources[1].name", "expected a resource name", None),
        ("datapackage.json", None, "a.path", "expected a CSV file name in the data folder", "a.txt"),
        ("datapackage.json", None, "a.last_event_date", "expected null or a date YYYY-MM-DD", "2020-13-01"),
        ("datapackage.json", None, "a.x", "expected a type among string, integer, number, boolean, date",
         "datetime"),
        ("datapackage.json", None, "a.schema.fields[2]", "expected a field with a name", None),
        ("datapackage.json", None, "a.schema.fields[3]", "expected a field with a name", None),
        ("datapackage.json", None, "a.p", "expected a valid regular expression: missing ), unterminated "
         "subpattern at position 0", "("),
        ("datapackage.json", None, "a.schema.fields", "expected unique field names", None),
        ("datapackage.json", None, "a.schema.primaryKey", "expected primary key fields to be schema fields",
         "nope"),
        ("datapackage.json", None, "resources[3].name", "expected unique resource names", "a"),
        ("datapackage.json", None, "resources[3].path", "expected a CSV file name in the data folder",
         "sub/a.csv"),
        ("datapackage.json", None, "resources[3].last_event_date", "expected null or a date YYYY-MM-DD",
         20200101),
        ("datapackage.json", None, "c.path", "expected a CSV file name in the data folder", "c\\d.csv"),
        ("datapackage.json", None, "d.schema.fields", "expected a non-empty list of fields", None),
        ("datapackage.json", None, "e.schema.fields", "expected a non-empty list of fields", None),
        ("datapackage.json", None, "f.schema.fields", "expected unique field names", None),
    ]


@pytest.mark.parametrize("name", ["", 5])
def test_field_without_a_usable_name(name):
    assert where(check_package({"resources": [resource(fields=[{"name": name}, {"name": "x"}])]})) == [
        ("datapackage.json", None, "a.schema.fields[0]", "expected a field with a name", None)]


@pytest.mark.parametrize("name", ["", 3, None])
def test_resource_without_a_usable_name(name):
    assert where(check_package({"resources": [{"name": name, "path": "a.csv", "schema": {"fields": [{"name": "x"}]}}]})) == [
        ("datapackage.json", None, "resources[0].name", "expected a resource name", None)]


def test_resource_without_a_path():
    assert where(check_package({"resources": [resource(path=None)]})) == [
        ("datapackage.json", None, "a.path", "expected a CSV file name in the data folder", None)]


def test_resources_by_name_keeps_the_first_well_formed_one():
    first, second = resource("a", "one.csv"), resource("a", "two.csv")
    got = resources_by_name({"resources": [
        "x", {"name": 3, "schema": {"fields": []}}, {"name": "b"}, {"name": "c", "schema": {"fields": {}}},
        {"name": "d", "schema": []}, first, second, resource("e")]})
    assert got == {"a": first, "e": resource("e")}
    assert resources_by_name({}) == {} and resources_by_name({"resources": None}) == {}


@pytest.mark.parametrize("res, expected", [
    ({"name": "a", "path": "b.csv"}, "b.csv"), ({"name": "a", "path": ""}, "a.csv"), ({"name": "a"}, "a.csv"),
    ({"name": "a", "path": 5}, "a.csv"),
])
def test_resource_file(res, expected):
    assert resource_file(res) == expected


# ----------------------------------------------------------------- in a data folder


def test_missing_datapackage(valid_data_dir):
    (valid_data_dir / "datapackage.json").unlink()
    only(validate_dir(valid_data_dir), "datapackage.json", None, None, "not found")


def test_invalid_json(valid_data_dir):
    (valid_data_dir / "datapackage.json").write_text('{\n  "resources": [,\n', encoding="utf-8")
    only(validate_dir(valid_data_dir), "datapackage.json", 2, None, "valid JSON")
    with pytest.raises(DataError):
        load_package(valid_data_dir)


def test_unknown_field_type_in_package(valid_data_dir):
    def edit(pkg):
        resource_of(pkg, "leaders")["schema"]["fields"][0]["type"] = "text"
    edit_package(valid_data_dir, edit)
    only(validate_dir(valid_data_dir), "datapackage.json", None, "leaders.country", "expected a type")
